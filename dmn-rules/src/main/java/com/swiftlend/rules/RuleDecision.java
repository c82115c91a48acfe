package com.swiftlend.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The combined verdict of the rule set.
 *
 * @param reasons reason codes of the matched rules that produced {@code outcome}, in rule order
 * @param approvedAmount null for REJECT
 * @param annualRate null for REJECT, and when no matched rule with this outcome priced the loan
 * @param ruleSetVersion which table decided, for audit
 */
public record RuleDecision(
    RuleOutcome outcome,
    List<String> reasons,
    BigDecimal approvedAmount,
    BigDecimal annualRate,
    String ruleSetVersion) {

  public RuleDecision {
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
  }
}
