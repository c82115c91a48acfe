package com.swiftlend.activities.decision;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which applications a challenger rule set is evaluated on: a share ({@code
 * swiftlend.rules.challenger.share}, 0..1) chosen by a hash of the application id, so every worker
 * and every retry puts an application in the same bucket, and the applications compared are a
 * uniform sample rather than, say, those decided at quiet hours.
 */
@Component
public class ChallengerTraffic {

    private final double share;

    ChallengerTraffic(@Value("${swiftlend.rules.challenger.share:0.25}") double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("swiftlend.rules.challenger.share must be within 0..1, was " + share);
        }
        this.share = share;
    }

    public boolean includes(UUID applicationId) {
        return bucket(applicationId) < share;
    }

    /** A uniform value in [0, 1) from the first 53 bits of SHA-256 of the id. */
    static double bucket(UUID applicationId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(applicationId.toString().getBytes(StandardCharsets.US_ASCII));
            return (ByteBuffer.wrap(hash).getLong() >>> 11) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
