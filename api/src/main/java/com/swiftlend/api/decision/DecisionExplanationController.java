package com.swiftlend.api.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.api.ruleset.RuleSetLibrary;
import com.swiftlend.records.decision.DecisionRecords;
import com.swiftlend.records.decision.DecisionRecords.DecisionRecord;
import com.swiftlend.rules.DecisionFacts;
import com.swiftlend.rules.MatchedRule;
import com.swiftlend.rules.RuleDecision;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proof that a past decision is reproducible: its recorded inputs evaluated again against the
 * exact rule-set version that took it, shown beside what was recorded, with the rules that matched.
 */
@RestController
@RequestMapping("/api/v1/applications")
class DecisionExplanationController {

    static final URI NO_DECISION = URI.create("https://swiftlend.dev/problems/no-decision");

    record Outcome(String outcome, List<String> reasons, BigDecimal approvedAmount, BigDecimal annualRate,
            List<MatchedRule> matchedRules) {
    }

    /**
     * @param reasonTexts the policy's human-readable reason for each code of the reproduced outcome
     * @param conclusions what the graph's classifying decisions concluded (segment, risk grade)
     */
    record Explanation(UUID applicationId, String ruleSetVersion, String modelVersion, DecisionFacts inputs,
            Outcome recorded, Outcome reproduced, boolean reproducible, Map<String, String> reasonTexts,
            Map<String, Object> conclusions) {
    }

    private final DecisionRecords decisions;
    private final RuleSetLibrary library;
    private final ObjectMapper json;

    DecisionExplanationController(DecisionRecords decisions, RuleSetLibrary library, ObjectMapper json) {
        this.decisions = decisions;
        this.library = library;
        this.json = json;
    }

    @Operation(summary = "Re-evaluate a decision's recorded inputs against its recorded rule-set version")
    @GetMapping("/{id}/decision/explain")
    Explanation explain(@PathVariable UUID id) throws JsonProcessingException {
        DecisionRecord record = decisions.find(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                NO_DECISION, "No recorded decision for application " + id));
        DecisionFacts facts = json.readValue(record.inputsJson(), DecisionFacts.class);
        RuleDecision again = library.version(record.ruleSetVersion()).decide(facts);
        Outcome recorded = new Outcome(record.outcome(), json.readValue(record.reasonsJson(), new TypeReference<>() {
        }), record.approvedAmount(), record.annualRate(), json.readValue(record.matchedRulesJson(),
                new TypeReference<>() {
                }));
        Outcome reproduced = new Outcome(again.outcome().name(), again.reasons(), again.approvedAmount(),
                again.annualRate(), again.matchedRules());
        boolean same = recorded.outcome().equals(reproduced.outcome())
                && recorded.reasons().equals(reproduced.reasons())
                && recorded.matchedRules().equals(reproduced.matchedRules())
                && sameAmount(recorded.approvedAmount(), reproduced.approvedAmount())
                && sameAmount(recorded.annualRate(), reproduced.annualRate());
        return new Explanation(id, record.ruleSetVersion(), record.modelVersion(), facts, recorded, reproduced, same,
                again.reasonTexts(), again.conclusions());
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || a != null && b != null && a.compareTo(b) == 0;
    }
}
