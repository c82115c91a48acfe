package com.swiftlend.workflows.decision;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules decided and why. The model and rule-set versions and the rules that matched
 * travel with the decision so that it can be explained and reproduced later.
 *
 * @param matchedRules empty in histories written before rules were recorded
 * @param reasonTexts for each reason code the rules gave, the human-readable reason the policy
 *     states for it, what an applicant is told when they ask why; empty in histories written before
 *     the policy gave texts, and for a reason the workflow itself adds
 * @param reasons the rules' reason codes, then the credit model's (what lowered the score most,
 *     worst first, or why it could not score)
 * @param score the probability of default on the model's points scale; null when unscored and in
 *     histories written before scores had points
 * @param scoreBand the score's risk band; null like {@code score}
 */
public record Decision(
        DecisionOutcome outcome,
        List<String> reasons,
        BigDecimal approvedAmount,
        BigDecimal annualRate,
        String ruleSetVersion,
        String modelVersion,
        Double probabilityOfDefault,
        List<MatchedRule> matchedRules,
        Map<String, String> reasonTexts,
        Integer score,
        String scoreBand) {

    public Decision {
        matchedRules = matchedRules == null ? List.of() : List.copyOf(matchedRules);
        reasonTexts = reasonTexts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(reasonTexts));
    }

    /** A decision of rules that gave texts, before scores had points. */
    public Decision(DecisionOutcome outcome, List<String> reasons, BigDecimal approvedAmount, BigDecimal annualRate,
            String ruleSetVersion, String modelVersion, Double probabilityOfDefault, List<MatchedRule> matchedRules,
            Map<String, String> reasonTexts) {
        this(outcome, reasons, approvedAmount, annualRate, ruleSetVersion, modelVersion, probabilityOfDefault,
                matchedRules, reasonTexts, null, null);
    }

    /** A decision no rule produced (or one recorded before matched rules were kept). */
    public Decision(DecisionOutcome outcome, List<String> reasons, BigDecimal approvedAmount, BigDecimal annualRate,
            String ruleSetVersion, String modelVersion, Double probabilityOfDefault) {
        this(outcome, reasons, approvedAmount, annualRate, ruleSetVersion, modelVersion, probabilityOfDefault,
                List.of(), Map.of(), null, null);
    }
}
