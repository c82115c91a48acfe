package com.swiftlend.api.model;

import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.records.model.CreditModels;
import com.swiftlend.records.model.CreditScores;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a challenger model's shadow scores compare with the champion's on the same applications:
 * the correlation of their scores, how often they put an applicant in the same band, and how many
 * decisions would change: the champion rule set evaluated, at decision time, on the challenger's
 * probability instead of the champion's (stored, never acted on).
 */
@RestController
@RequestMapping("/api/v1/models")
class ModelShadowReportController {

    record Change(UUID applicationId, String championOutcome, String challengerOutcome, Integer championScore,
            Integer challengerScore) {
    }

    /**
     * @param applications applications both scored (the challenger could score them too)
     * @param scoreCorrelation Pearson correlation of the two versions' points; null under two pairs
     * @param decisionsCompared applications whose decision was also evaluated on the challenger's probability
     * @param outcomes champion outcome → outcome on the challenger's probability → applications
     */
    record ModelShadowReport(String challenger, int applications, Double scoreCorrelation, double bandAgreementRate,
            Map<String, Map<String, Integer>> bands, int decisionsCompared, int decisionsThatWouldChange,
            Map<String, Map<String, Integer>> outcomes, List<Change> changes) {
    }

    private final CreditModels models;
    private final CreditScores scores;
    private final int maxApplications;
    private final int maxChanges;

    ModelShadowReportController(CreditModels models, CreditScores scores,
            @Value("${swiftlend.rules.backtest.max-applications:100000}") int maxApplications,
            @Value("${swiftlend.rules.backtest.max-changes:500}") int maxChanges) {
        this.models = models;
        this.scores = scores;
        this.maxApplications = maxApplications;
        this.maxChanges = maxChanges;
    }

    @Operation(summary = "Compare a challenger model's shadow scores with the champion's on the same applications")
    @GetMapping("/{version}/shadow-report")
    ModelShadowReport report(@PathVariable String version) {
        models.find(version).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                CreditModelController.UNKNOWN_MODEL, "No credit model version is named " + version));
        List<CreditScores.Pair> pairs = scores.pairs(version, maxApplications).stream()
                .filter(pair -> pair.championScore() != null && pair.challengerScore() != null).toList();
        Map<String, Map<String, Integer>> bands = new TreeMap<>();
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        int sameBand = 0;
        int compared = 0;
        int changed = 0;
        for (CreditScores.Pair pair : pairs) {
            bands.computeIfAbsent(pair.championBand(), band -> new TreeMap<>())
                    .merge(pair.challengerBand(), 1, Integer::sum);
            if (Objects.equals(pair.championBand(), pair.challengerBand())) {
                sameBand++;
            }
            if (pair.challengerOutcome() != null) {
                compared++;
                outcomes.computeIfAbsent(pair.championOutcome(), outcome -> new TreeMap<>())
                        .merge(pair.challengerOutcome(), 1, Integer::sum);
                if (!pair.championOutcome().equals(pair.challengerOutcome())) {
                    changed++;
                    if (changes.size() < maxChanges) {
                        changes.add(new Change(pair.applicationId(), pair.championOutcome(), pair.challengerOutcome(),
                                pair.championScore(), pair.challengerScore()));
                    }
                }
            }
        }
        return new ModelShadowReport(version, pairs.size(), correlation(pairs),
                pairs.isEmpty() ? 0 : (double) sameBand / pairs.size(), bands, compared, changed, outcomes, changes);
    }

    private static Double correlation(List<CreditScores.Pair> pairs) {
        int n = pairs.size();
        if (n < 2) {
            return null;
        }
        double meanX = pairs.stream().mapToInt(CreditScores.Pair::championScore).average().orElse(0);
        double meanY = pairs.stream().mapToInt(CreditScores.Pair::challengerScore).average().orElse(0);
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (CreditScores.Pair pair : pairs) {
            double dx = pair.championScore() - meanX;
            double dy = pair.challengerScore() - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }
        if (varianceX == 0 || varianceY == 0) {
            return null; // one side scored everyone alike: no correlation to speak of
        }
        return Math.round(covariance / Math.sqrt(varianceX * varianceY) * 10_000) / 10_000.0;
    }
}
