package com.swiftlend.rules;

/**
 * A rule that matched: which table (decision id) and which rule (its id), as Camunda 8 records
 * matched rules, so a decision says exactly what in the policy produced it.
 */
public record MatchedRule(String decision, String rule) {
}
