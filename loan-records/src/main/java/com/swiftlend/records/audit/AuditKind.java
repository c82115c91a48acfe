package com.swiftlend.records.audit;

/** What an audit record attests. The name is stored and hashed, so renaming one breaks old chains. */
public enum AuditKind {
    /** The borrower accepted the terms shown to them, before anything was done with their data. */
    CONSENT,
    /** The rules decided an application: on what evidence, with which model and rule set, and why. */
    DECISION,
    /** We are about to ask a channel to pay out, under this idempotency key. */
    PAYOUT_REQUESTED,
    /** What the channel answered for that idempotency key. */
    PAYOUT_RESULT,
    /** A manual review ended: an operator approved or rejected, or nobody answered in time. */
    REVIEW_VERDICT,
    /** A capital partner approved or refused a loan, or its funding was released. */
    FUNDING,
    /** An operator forced a payment channel down or up, overriding its health checks. */
    CHANNEL_OVERRIDE,
    /** A staff username was locked out of sign-in after a run of wrong passwords. */
    STAFF_LOCKED_OUT,
    /** An operator had Temporal payloads decrypted through the codec server: an access to personal data. */
    PAYLOADS_DECODED,
    /** A staff administrator disabled an account: it cannot sign in and its tokens stopped working. */
    STAFF_DISABLED,
    /** A staff administrator enabled a disabled account again (its old tokens stay revoked). */
    STAFF_ENABLED,
    /** A rule editor submitted a valid rule-set version as a draft. */
    RULE_SET_DRAFTED,
    /** A second rule editor approved a draft. */
    RULE_SET_APPROVED,
    /** A rule editor made a version the active one (a rollback publishes an earlier version). */
    RULE_SET_PUBLISHED,
    /** A rule editor made a version the challenger, evaluated in shadow beside the active one. */
    RULE_SET_CHALLENGER,
    /** A rule editor stopped a challenger. */
    RULE_SET_RETIRED,
    /** A credit model version was stored after it loaded and reproduced its verification records. */
    MODEL_REGISTERED,
    /** A credit model version became the champion the rules decide on. */
    MODEL_CHAMPION,
    /** A credit model version became a challenger, scored in shadow. */
    MODEL_CHALLENGER,
    /** A credit model version stopped serving. */
    MODEL_RETIRED
}
