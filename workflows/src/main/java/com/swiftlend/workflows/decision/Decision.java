package com.swiftlend.workflows.decision;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the rules decided and why. The model and rule-set versions and the rules that matched
 * travel with the decision so that it can be explained and reproduced later.
 *
 * @param matchedRules empty in histories written before rules were recorded
 */
public record Decision(
        DecisionOutcome outcome,
        List<String> reasons,
        BigDecimal approvedAmount,
        BigDecimal annualRate,
        String ruleSetVersion,
        String modelVersion,
        Double probabilityOfDefault,
        List<MatchedRule> matchedRules) {

    public Decision {
        matchedRules = matchedRules == null ? List.of() : List.copyOf(matchedRules);
    }

    /** A decision no rule produced (or one recorded before matched rules were kept). */
    public Decision(DecisionOutcome outcome, List<String> reasons, BigDecimal approvedAmount, BigDecimal annualRate,
            String ruleSetVersion, String modelVersion, Double probabilityOfDefault) {
        this(outcome, reasons, approvedAmount, annualRate, ruleSetVersion, modelVersion, probabilityOfDefault,
                List.of());
    }
}
