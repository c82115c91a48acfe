package com.swiftlend.api.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.records.decision.ShadowDecisions;
import com.swiftlend.records.ruleset.RuleSets;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
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
 * How a challenger's shadow decisions compare with the champion's on the same applications: how
 * often they agree, the outcome of one against the other, each side's rates and amounts, and the
 * applications they disagree on. The challenger's answers were never acted on; this is what a
 * business user reads before promoting it (publishing it) or retiring it.
 */
@RestController
@RequestMapping("/api/v1/rulesets")
class ShadowReportController {

    record Side(int approved, int referred, int rejected, double approvalRate, double referralRate,
            double rejectionRate, BigDecimal totalApprovedAmount) {
    }

    record Answer(String outcome, BigDecimal approvedAmount, List<String> reasons) {
    }

    record Difference(UUID applicationId, String championVersion, Answer champion, Answer challenger) {
    }

    /**
     * @param outcomes champion outcome → challenger outcome → applications
     * @param agreed applications with the same outcome and the same approved amount
     */
    record ShadowReport(String challenger, int applications, int agreed, double agreementRate,
            Map<String, Map<String, Integer>> outcomes, Side championResults, Side challengerResults,
            List<Difference> differences) {
    }

    private static final TypeReference<List<String>> REASONS = new TypeReference<>() {
    };

    private final RuleSets ruleSets;
    private final ShadowDecisions shadows;
    private final ObjectMapper json;
    private final int maxApplications;
    private final int maxChanges;

    ShadowReportController(RuleSets ruleSets, ShadowDecisions shadows, ObjectMapper json,
            @Value("${swiftlend.rules.backtest.max-applications:100000}") int maxApplications,
            @Value("${swiftlend.rules.backtest.max-changes:500}") int maxChanges) {
        this.ruleSets = ruleSets;
        this.shadows = shadows;
        this.json = json;
        this.maxApplications = maxApplications;
        this.maxChanges = maxChanges;
    }

    @Operation(summary = "Compare a challenger's shadow decisions with the champion's on the same applications")
    @GetMapping("/{version}/shadow-report")
    ShadowReport report(@PathVariable String version) throws JsonProcessingException {
        ruleSets.find(version).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                RuleSetController.UNKNOWN_RULE_SET, "No rule set version is named " + version));
        List<ShadowDecisions.Pair> pairs = shadows.pairs(version, maxApplications);
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        List<Difference> differences = new ArrayList<>();
        int agreed = 0;
        for (ShadowDecisions.Pair pair : pairs) {
            outcomes.computeIfAbsent(pair.championOutcome(), o -> new TreeMap<>())
                    .merge(pair.challengerOutcome(), 1, Integer::sum);
            boolean same = pair.championOutcome().equals(pair.challengerOutcome())
                    && sameAmount(pair.championAmount(), pair.challengerAmount());
            if (same) {
                agreed++;
            } else if (differences.size() < maxChanges) {
                differences.add(new Difference(pair.applicationId(), pair.championVersion(),
                        new Answer(pair.championOutcome(), pair.championAmount(),
                                json.readValue(pair.championReasonsJson(), REASONS)),
                        new Answer(pair.challengerOutcome(), pair.challengerAmount(),
                                json.readValue(pair.challengerReasonsJson(), REASONS))));
            }
        }
        return new ShadowReport(version, pairs.size(), agreed, rate(agreed, pairs.size()), outcomes,
                side(pairs, true), side(pairs, false), differences);
    }

    private static Side side(List<ShadowDecisions.Pair> pairs, boolean champion) {
        int approved = 0;
        int referred = 0;
        int rejected = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (ShadowDecisions.Pair pair : pairs) {
            String outcome = champion ? pair.championOutcome() : pair.challengerOutcome();
            BigDecimal amount = champion ? pair.championAmount() : pair.challengerAmount();
            switch (outcome) {
                case "APPROVE" -> {
                    approved++;
                    total = total.add(amount == null ? BigDecimal.ZERO : amount);
                }
                case "MANUAL_REVIEW" -> referred++;
                default -> rejected++;
            }
        }
        int n = pairs.size();
        return new Side(approved, referred, rejected, rate(approved, n), rate(referred, n), rate(rejected, n), total);
    }

    private static double rate(int count, int of) {
        return of == 0 ? 0 : (double) count / of;
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || a != null && b != null && a.compareTo(b) == 0;
    }
}
