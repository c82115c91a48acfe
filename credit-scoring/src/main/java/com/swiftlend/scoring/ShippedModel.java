package com.swiftlend.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The credit model this release ships (trained by the repository's training command, kept in
 * {@code credit-model/model/}, packaged under {@code models/}): what a new database's registry
 * starts with as its champion.
 */
public record ShippedModel(String version, byte[] pmml, byte[] card, byte[] featureMapping) {

    /** The one place the shipped version is named; retraining under a new name changes it here. */
    public static final String VERSION = "taiwan-xgb-1";

    public static ShippedModel load() {
        return new ShippedModel(VERSION, read(VERSION + ".pmml"), read(VERSION + ".card.json"),
                read(VERSION + ".features.json"));
    }

    private static byte[] read(String file) {
        try (InputStream in = ShippedModel.class.getResourceAsStream("/models/" + file)) {
            if (in == null) {
                throw new IllegalStateException("The shipped credit model has no " + file + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
