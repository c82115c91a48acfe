package com.swiftlend.workflows.decision;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the rules decided and why. The model and rule-set versions travel with the decision so
 * that it can be explained and reproduced later.
 */
public record Decision(
        DecisionOutcome outcome,
        List<String> reasons,
        BigDecimal approvedAmount,
        BigDecimal annualRate,
        String ruleSetVersion,
        String modelVersion,
        Double probabilityOfDefault) {
}
