package com.swiftlend.reconciliation;

/** Why a statement line or a payout needs a person to look at it. Stored by name. */
enum DiscrepancyKind {
    /** The channel reports a payout we have no record of on that channel. */
    MISSING_IN_LEDGER,
    /** Both sides know the payout but disagree on how much was paid. */
    AMOUNT_MISMATCH,
    /** Both sides know the payout but disagree on whether money left. */
    STATUS_MISMATCH,
    /** We recorded a successful payout that the channel's statement for that day omits. */
    MISSING_IN_STATEMENT,
    /** A statement line we could not read; its key is 'line:&lt;number&gt;'. */
    UNPARSEABLE_LINE
}
