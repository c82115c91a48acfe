package com.swiftlend.workflows.payment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every state one payout attempt (one idempotency key on one channel) can be in. The states
 * separate what "sending" used to blur: a row written but never sent, and a request that may
 * have left and whose outcome we do not know.
 */
public enum PayoutState {
    /** Our row is written (and the ledger holds the amount); nothing has been sent yet. */
    CLAIMED,
    /** The request may have reached the channel and we hold no answer: in doubt. */
    SENT_UNCONFIRMED,
    /** The channel has the payout and has not finished it (PENDING, PROCESSING): in doubt. */
    PENDING_AT_CHANNEL,
    SUCCEEDED,
    /** The channel answered for this key that it did not and will not pay. */
    DECLINED,
    /** The request certainly never reached the channel (refused before anything was sent). */
    PROVEN_NOT_SENT;

    private static final Set<PayoutState> IN_DOUBT = EnumSet.of(SENT_UNCONFIRMED, PENDING_AT_CHANNEL);
    private static final Set<PayoutState> FAILOVER = EnumSet.of(DECLINED, PROVEN_NOT_SENT);

    /** Only the same channel, asked about the same key, can settle a payout in this state. */
    public boolean inDoubt() {
        return IN_DOUBT.contains(this);
    }

    /** The only states from which another channel may be tried: this one certainly did not pay. */
    public boolean allowsFailover() {
        return FAILOVER.contains(this);
    }

    public boolean isFinal() {
        return this == SUCCEEDED || FAILOVER.contains(this);
    }
}
