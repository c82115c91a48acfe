package com.swiftlend.records.ruleset;

import java.time.Instant;

/** One stored version of the rule set, without its DMN XML and test cases. */
public record RuleSetVersion(String version, RuleSetStatus status, String author, String approver, String comment,
        Instant createdAt, Instant approvedAt, Instant publishedAt, Instant retiredAt) {
}
