package com.swiftlend.simulators.bureau;

import com.swiftlend.simulators.Fingerprint;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Random;

/**
 * Invents a credit file for an ID number. The numbers only need to look like a real population so the
 * decision rules see a realistic mix; the fixed draw order below is what makes a file reproducible,
 * so append new draws at the end rather than inserting them.
 */
final class CreditFileGenerator {

    private static final double NO_HIT_RATE = 0.08;
    private static final double MEAN_SCORE = 665;
    private static final double SCORE_SPREAD = 70;
    private static final double MEDIAN_LOAN_BALANCE = 20_000;

    private CreditFileGenerator() {
    }

    static CreditReport reportFor(String idNumber) {
        // Chinese ID numbers may end in x or X; both mean the same person.
        Fingerprint fingerprint = Fingerprint.of("bureau", idNumber.trim().toUpperCase(Locale.ROOT));
        String reportId = "BR-" + fingerprint.hex(8);
        Random random = fingerprint.random();

        if (random.nextDouble() < NO_HIT_RATE) {
            return CreditReport.noHit(reportId);
        }
        int score = clamp((int) Math.round(MEAN_SCORE + SCORE_SPREAD * random.nextGaussian()), 300, 850);
        int delinquencies = delinquencies(score, random);
        int openLoans = successes(6, 0.3, random);
        BigDecimal totalDebt = totalDebt(openLoans, random);
        int inquiries = (score < 600 ? 3 : score < 700 ? 1 : 0) + successes(4, 0.25, random);
        return new CreditReport(reportId, true, score, delinquencies, openLoans, totalDebt, inquiries, null);
    }

    private static int delinquencies(int score, Random random) {
        double chance = score < 580 ? 0.65 : score < 640 ? 0.30 : score < 700 ? 0.08 : 0.02;
        boolean delinquent = random.nextDouble() < chance;
        int count = 1 + random.nextInt(score < 600 ? 4 : 2);
        return delinquent ? count : 0;
    }

    private static BigDecimal totalDebt(int openLoans, Random random) {
        long cents = 0;
        for (int loan = 0; loan < openLoans; loan++) {
            // Log-normal: most balances near the median, a long tail of large ones, never negative.
            double balance = MEDIAN_LOAN_BALANCE * Math.exp(0.8 * random.nextGaussian());
            cents += Math.round(balance * 100);
        }
        return BigDecimal.valueOf(cents, 2);
    }

    private static int successes(int trials, double probability, Random random) {
        int count = 0;
        for (int trial = 0; trial < trials; trial++) {
            if (random.nextDouble() < probability) {
                count++;
            }
        }
        return count;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
