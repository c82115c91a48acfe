package com.swiftlend.simulators.antifraud;

import com.swiftlend.simulators.Fingerprint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Scores a person on a device. Keyed on ID number and device only, like a provider's risk profile:
 * the same person on the same phone gets the same answer whatever the application.
 */
final class FraudScorer {

    private static final double ACCEPT_SHARE = 0.85;
    private static final double REVIEW_SHARE = 0.10;
    private static final List<String> SIGNALS = List.of(
            "EMULATOR_SUSPECTED", "PROXY_IP", "SHARED_DEVICE", "VELOCITY_EXCEEDED", "ID_PHONE_MISMATCH",
            "DEVICE_BLACKLISTED");

    private FraudScorer() {
    }

    static Assessment assess(AssessmentRequest request) {
        String idNumber = request.idNumber().trim().toUpperCase(Locale.ROOT);
        String deviceId = request.deviceId() == null ? "" : request.deviceId().trim();
        Random random = Fingerprint.of("anti-fraud", idNumber, deviceId).random();

        double band = random.nextDouble();
        int score;
        if (band < ACCEPT_SHARE) {
            score = random.nextInt(40);
        } else if (band < ACCEPT_SHARE + REVIEW_SHARE) {
            score = 40 + random.nextInt(40);
        } else {
            score = 80 + random.nextInt(21);
        }
        Verdict verdict = Verdict.forScore(score);
        List<String> signals = switch (verdict) {
            case ACCEPT -> List.of();
            case REVIEW -> pick(1 + random.nextInt(2), random);
            case DENY -> pick(2 + random.nextInt(2), random);
        };
        // Retries of the same application's assessment get the same id, as with a provider keyed on it.
        String assessmentId = "AF-" + Fingerprint.of("anti-fraud-assessment",
                request.applicationId(), idNumber, deviceId).hex(8);
        return new Assessment(assessmentId, score, verdict, signals);
    }

    private static List<String> pick(int count, Random random) {
        List<String> shuffled = new ArrayList<>(SIGNALS);
        Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, count));
    }
}
