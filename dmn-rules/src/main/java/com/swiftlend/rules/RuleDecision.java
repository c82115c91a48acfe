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
 * @param matchedRules every rule that matched, in rule order, whether or not it decided: what an
 *     explanation of the decision shows and a back-test's rule coverage counts
 */
public record RuleDecision(
    RuleOutcome outcome,
    List<String> reasons,
    BigDecimal approvedAmount,
    BigDecimal annualRate,
    String ruleSetVersion,
    List<MatchedRule> matchedRules) {

  public RuleDecision {
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    matchedRules = List.copyOf(matchedRules);
  }
}
