package com.swiftlend.simulators.behaviour;

/**
 * How a simulated party misbehaves: how slow it is, how often it is down, and the failures that
 * only a payments engineer worries about.
 *
 * @param failureRate            share of calls answered 503 before anything is recorded (an outage)
 * @param timeoutAfterPayingRate share of calls that are processed and recorded, and then answered only
 *                               after {@code stallMs}: the caller's read timeout fires after the money left
 * @param stallMs                how long such an answer is held back
 * @param pendingRate            share of new payouts answered PENDING; they turn SUCCEEDED
 *                               {@code pendingSettleMs} after they were accepted (manual-desk: every payout)
 * @param pendingSettleMs        how long a PENDING payout takes to settle
 * @param refusalRate            share of new funding requests a funder refuses
 */
public record Behaviour(
        int latencyMinMs,
        int latencyMaxMs,
        double failureRate,
        double timeoutAfterPayingRate,
        int stallMs,
        double pendingRate,
        int pendingSettleMs,
        double refusalRate) {

    /** Longer waits would only tie up server threads; no test or drill needs more than this. */
    static final int MAX_LATENCY_MS = 60_000;
    static final int MAX_STALL_MS = 60_000;
    /** Settling holds no thread (it is computed from the acceptance time), so a whole day is allowed. */
    static final int MAX_PENDING_SETTLE_MS = 86_400_000;

    public Behaviour {
        if (latencyMinMs < 0) {
            throw new IllegalArgumentException("latencyMinMs must not be negative");
        }
        if (latencyMinMs > latencyMaxMs) {
            throw new IllegalArgumentException("latencyMinMs must not exceed latencyMaxMs");
        }
        if (latencyMaxMs > MAX_LATENCY_MS) {
            throw new IllegalArgumentException("latencyMaxMs must not exceed " + MAX_LATENCY_MS);
        }
        requireRate("failureRate", failureRate);
        requireRate("timeoutAfterPayingRate", timeoutAfterPayingRate);
        requireRate("pendingRate", pendingRate);
        requireRate("refusalRate", refusalRate);
        requireWithin("stallMs", stallMs, MAX_STALL_MS);
        requireWithin("pendingSettleMs", pendingSettleMs, MAX_PENDING_SETTLE_MS);
    }

    private static void requireRate(String name, double rate) {
        // Written so that NaN fails too.
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }

    private static void requireWithin(String name, int millis, int max) {
        if (millis < 0 || millis > max) {
            throw new IllegalArgumentException(name + " must be between 0 and " + max);
        }
    }
}
