package com.swiftlend.workflows.application;

import com.swiftlend.workflows.risk.RiskSource;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Timeouts and limits of the loan workflow, read from configuration by the worker at start-up.
 * They shape activity options only, never the order of commands, so changing them between
 * deployments cannot break the replay of running workflows.
 *
 * @param riskCheckTimeouts start-to-close timeout of each risk source's activity
 * @param riskCheckMaxAttempts attempts per risk source before it counts as UNAVAILABLE
 * @param riskCheckDeadline schedule-to-close bound of each risk source, retries included: the
 *     longest any source may hold back the decision
 * @param decisionTimeout start-to-close timeout of scoring and of the decision rules
 * @param reviewTimeout how long an application waits for an operator before it is rejected
 * @param payoutTimeout start-to-close timeout of one call to a payment channel
 * @param maxPayoutAttempts payout attempts (each under its own idempotency key) across channels
 * @param notificationTimeout start-to-close timeout of one notification
 */
public record LoanWorkflowSettings(
        Map<RiskSource, Duration> riskCheckTimeouts,
        int riskCheckMaxAttempts,
        Duration riskCheckDeadline,
        Duration decisionTimeout,
        Duration reviewTimeout,
        Duration payoutTimeout,
        int maxPayoutAttempts,
        Duration notificationTimeout) {

    public static final Duration DEFAULT_RISK_CHECK_TIMEOUT = Duration.ofMillis(500);

    public LoanWorkflowSettings {
        riskCheckTimeouts = Map.copyOf(riskCheckTimeouts);
    }

    public static LoanWorkflowSettings defaults() {
        Map<RiskSource, Duration> timeouts = new EnumMap<>(RiskSource.class);
        for (RiskSource source : RiskSource.values()) {
            timeouts.put(source, DEFAULT_RISK_CHECK_TIMEOUT);
        }
        return new LoanWorkflowSettings(timeouts, 2, Duration.ofMillis(1200), Duration.ofSeconds(2),
                Duration.ofHours(24), Duration.ofSeconds(10), 3, Duration.ofSeconds(10));
    }

    public Duration riskCheckTimeout(RiskSource source) {
        return riskCheckTimeouts.getOrDefault(source, DEFAULT_RISK_CHECK_TIMEOUT);
    }
}
