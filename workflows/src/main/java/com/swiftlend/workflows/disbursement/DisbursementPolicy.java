package com.swiftlend.workflows.disbursement;

import java.time.Duration;

/**
 * The values that shape a disbursement's sequence of commands. They are fixed when the
 * disbursement starts (recorded in its history), never read from the worker while it runs, so
 * two workers configured differently can both replay it.
 *
 * @param maxPayoutAttempts attempts (each under its own idempotency key) across channels
 * @param firstInDoubtPoll the wait before asking again about a payout in doubt; it doubles up to
 *     {@code maxInDoubtPoll}
 * @param maxInDoubtPoll the longest wait between two questions about a payout in doubt
 */
public record DisbursementPolicy(int maxPayoutAttempts, Duration firstInDoubtPoll, Duration maxInDoubtPoll) {
}
