package com.swiftlend.simulators.behaviour;

/**
 * Boxed so that a missing field is rejected rather than silently read as zero. Latency and failure rate
 * are required; the fault knobs are optional so callers written before them keep their meaning: an
 * absent rate is 0 (the fault is off), an absent duration is the party's configured one.
 */
record BehaviourChange(
        Integer latencyMinMs,
        Integer latencyMaxMs,
        Double failureRate,
        Double timeoutAfterPayingRate,
        Integer stallMs,
        Double pendingRate,
        Integer pendingSettleMs,
        Double refusalRate) {

    Behaviour applyTo(Behaviour configured) {
        return new Behaviour(
                latencyMinMs,
                latencyMaxMs,
                failureRate,
                timeoutAfterPayingRate == null ? 0.0 : timeoutAfterPayingRate,
                stallMs == null ? configured.stallMs() : stallMs,
                pendingRate == null ? 0.0 : pendingRate,
                pendingSettleMs == null ? configured.pendingSettleMs() : pendingSettleMs,
                refusalRate == null ? 0.0 : refusalRate);
    }
}
