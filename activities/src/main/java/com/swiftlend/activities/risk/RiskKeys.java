package com.swiftlend.activities.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Redis keys of the real-time risk signals. Identifiers are hashed so Redis holds no ID number
 * or address in the clear.
 */
final class RiskKeys {

    private RiskKeys() {
    }

    static String device(String deviceId) {
        return "risk:device:" + digest(deviceId) + ":applicants";
    }

    static String address(String clientIp) {
        return "risk:ip:" + digest(clientIp) + ":applications";
    }

    static String applicant(String idNumber) {
        return "risk:applicant:" + digest(idNumber) + ":applications";
    }

    static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
