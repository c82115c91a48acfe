package com.swiftlend.workflows.decision;

/** A rule of the rule set that matched this decision: its table (decision id) and its id. */
public record MatchedRule(String decision, String rule) {
}
