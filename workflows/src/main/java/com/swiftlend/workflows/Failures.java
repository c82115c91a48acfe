package com.swiftlend.workflows;

/**
 * Failure types raised as {@code ApplicationFailure} types by activities, named in one place so
 * retry policies and workflow code refer to them by name instead of matching message strings.
 */
public enum Failures {
    /** The input can never succeed; retrying is pointless. */
    INVALID_INPUT,
    /** An outside party answered, but not in a way we can use (malformed or contradictory). */
    PARTNER_PROTOCOL_ERROR,
    /** The payout was already settled under this idempotency key with a different request. */
    PAYOUT_CONFLICT,
    /**
     * The channel certainly did not accept the payout (refused connection, 503): another channel
     * may be tried. A timeout is not this: the channel may have paid.
     */
    CHANNEL_UNAVAILABLE,
    /**
     * The payout may have left and the channel has not said what became of it. Retryable: only the
     * same channel, asked about the same key, can settle it. Raised to workflows started before
     * {@code DisbursementWorkflow}, whose {@code Disbursement} contract has no state for it.
     */
    PAYOUT_IN_DOUBT,
    /**
     * A capital partner did not answer (refused connection, timeout, 5xx). Retryable: funders are
     * idempotent by application id. Once the retries are spent the funder counts as a refusal
     * (UNAVAILABLE) and the next funder may be tried.
     */
    FUNDER_UNAVAILABLE
}
