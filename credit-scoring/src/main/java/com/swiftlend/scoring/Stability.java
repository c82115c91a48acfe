package com.swiftlend.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * The population stability index of a version's live scores against the test distribution in
 * its card: PSI = Σ (live − expected) × ln(live / expected) over the card's bins. By the usual
 * reading, under 0.10 the population is stable, 0.10–0.25 it is drifting, over 0.25 it has
 * shifted and the model needs a look. An empty bin counts as {@value #EMPTY_SHARE} so the index
 * stays finite.
 */
public final class Stability {

    static final double EMPTY_SHARE = 0.0001;
    /**
     * How many of a version's latest live scores the index reads unless configured
     * ({@code swiftlend.scoring.stability-scores}): text, so configuration defaults can name it.
     */
    public static final String DEFAULT_WINDOW = "10000";

    /** Below this many live scores the index says more about chance than about the population. */
    public static final int MIN_SCORES = 100;

    /** One bin: its score range, the card's share of test clients and the live share. */
    public record Bin(int fromScore, Integer toScore, double expectedShare, double liveShare) {
    }

    public record Report(String modelVersion, int liveScores, Double psi, String reading, List<Bin> bins) {
    }

    private Stability() {
    }

    public static Report of(CreditModel.ScoreCard card, List<Integer> liveScores) {
        int bins = card.binCounts().size();
        int[] live = new int[bins];
        liveScores.forEach(score -> live[card.bin(score)]++);
        double expectedTotal = card.binCounts().stream().mapToInt(Integer::intValue).sum();
        double psi = 0;
        List<Bin> report = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            double expected = Math.max(card.binCounts().get(i) / expectedTotal, EMPTY_SHARE);
            double actual = liveScores.isEmpty() ? 0 : (double) live[i] / liveScores.size();
            psi += (Math.max(actual, EMPTY_SHARE) - expected) * Math.log(Math.max(actual, EMPTY_SHARE) / expected);
            report.add(new Bin(i == 0 ? 300 : card.binLowerEdges().get(i - 1),
                    i < card.binLowerEdges().size() ? card.binLowerEdges().get(i) - 1 : 850,
                    card.binCounts().get(i) / expectedTotal, actual));
        }
        if (liveScores.size() < MIN_SCORES) {
            return new Report(card.version(), liveScores.size(), liveScores.isEmpty() ? null : round(psi),
                    "too few scores (" + liveScores.size() + " of the " + MIN_SCORES + " needed) to read", report);
        }
        String reading = psi < 0.10 ? "stable" : psi <= 0.25 ? "drifting" : "shifted";
        return new Report(card.version(), liveScores.size(), round(psi), reading, report);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
