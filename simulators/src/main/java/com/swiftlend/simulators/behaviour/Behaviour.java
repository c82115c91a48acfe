package com.swiftlend.simulators.behaviour;

/** How a simulated party misbehaves: how slow it is and how often it is down. */
public record Behaviour(int latencyMinMs, int latencyMaxMs, double failureRate) {

    /** Longer waits would only tie up server threads; no test or drill needs more than this. */
    static final int MAX_LATENCY_MS = 60_000;

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
        // Written so that NaN fails too.
        if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1");
        }
    }

    public static Behaviour of(int latencyMinMs, int latencyMaxMs, double failureRate) {
        return new Behaviour(latencyMinMs, latencyMaxMs, failureRate);
    }
}
