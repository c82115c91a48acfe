package com.swiftlend.rules;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The combined verdict of the rule set.
 *
 * @param reasons reason codes of the matched rules that produced {@code outcome}, in order
 * @param approvedAmount null for REJECT
 * @param annualRate null for REJECT, and when no matched rule with this outcome priced the loan
 * @param ruleSetVersion which rule set decided, for audit
 * @param matchedRules every rule that matched in every table, in evaluation order, whether or not
 *     it decided: what an explanation of the decision shows and a back-test's rule coverage counts
 * @param reasonTexts for each reason code, in the order of {@code reasons}, the human-readable
 *     reason the policy gives for it (the annotation of the rule that gave it): what an applicant
 *     is told when they ask why an automated decision was made
 * @param conclusions what the graph's classifying decisions concluded, by output name (e.g.
 *     {@code segment}, {@code riskGrade}); a value is null when its table matched nothing
 */
public record RuleDecision(
    RuleOutcome outcome,
    List<String> reasons,
    BigDecimal approvedAmount,
    BigDecimal annualRate,
    String ruleSetVersion,
    List<MatchedRule> matchedRules,
    Map<String, String> reasonTexts,
    Map<String, Object> conclusions) {

  public RuleDecision {
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    matchedRules = List.copyOf(matchedRules);
    reasonTexts = Collections.unmodifiableMap(new LinkedHashMap<>(reasonTexts));
    // Not Map.copyOf: a classifying table that matched nothing concludes null.
    conclusions = Collections.unmodifiableMap(new LinkedHashMap<>(conclusions));
  }

  /** The customer segment the graph put the applicant in, or null when it has no segment decision. */
  public String segment() {
    Object segment = conclusions.get("segment");
    return segment == null ? null : segment.toString();
  }
}
