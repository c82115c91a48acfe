package com.swiftlend.workflows.disbursement;

public enum DisbursementStep {
    FUNDING,
    ROUTING,
    SENDING,
    /** A payout is in doubt: the same channel is being asked about the same key until it answers. */
    RESOLVING_IN_DOUBT,
    COMPENSATING,
    DONE
}
