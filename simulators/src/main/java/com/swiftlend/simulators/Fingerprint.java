package com.swiftlend.simulators;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * SHA-256 of a request's identifying fields, so simulated data is the same for the same applicant on
 * every call, every restart and every machine. The domain keeps different parties' draws uncorrelated.
 */
public final class Fingerprint {

    private final byte[] digest;

    private Fingerprint(byte[] digest) {
        this.digest = digest;
    }

    public static Fingerprint of(String domain, String... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
        sha256.update(domain.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            // The separator keeps ("ab","c") and ("a","bc") apart.
            sha256.update((byte) 0);
            sha256.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
        }
        return new Fingerprint(sha256.digest());
    }

    public String hex(int bytes) {
        return HexFormat.of().formatHex(digest, 0, bytes);
    }

    /** java.util.Random, not SplittableRandom: its algorithm is fixed by specification across JDKs. */
    public Random random() {
        return new Random(ByteBuffer.wrap(digest, 8, Long.BYTES).getLong());
    }
}
