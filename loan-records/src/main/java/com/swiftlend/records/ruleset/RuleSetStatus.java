package com.swiftlend.records.ruleset;

/** Where a rule-set version is in its life. */
public enum RuleSetStatus {
    /** Submitted and valid; waiting for a second rule editor's approval. */
    DRAFT,
    /** Approved by someone other than its author; may be published. */
    APPROVED,
    /** The version every new decision is taken with: the champion. */
    ACTIVE,
    /** Evaluated in shadow beside the champion on a share of applications; never acted on. */
    CHALLENGER,
    /** Was active, or approved and superseded; may be published again to roll back. */
    RETIRED
}
