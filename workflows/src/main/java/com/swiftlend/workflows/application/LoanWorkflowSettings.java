package com.swiftlend.workflows.application;

import com.swiftlend.workflows.disbursement.DisbursementPolicy;
import com.swiftlend.workflows.risk.RiskSource;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Timeouts and limits of the loan and disbursement workflows. {@link #defaults()} is the one
 * place their defaults live; workers override single values from configuration
 * ({@code swiftlend.workers.workflow.*}). A workflow takes them once, when it starts, and records
 * them in its history (a side effect), so a worker configured differently replays it unchanged.
 *
 * @param riskCheckTimeouts start-to-close timeout of each risk source's activity
 * @param riskCheckMaxAttempts attempts per risk source before it counts as UNAVAILABLE
 * @param riskCheckDeadline schedule-to-close bound of each risk source, retries included: the
 *     longest any source may hold back the decision
 * @param decisionTimeout start-to-close timeout of scoring and of the decision rules
 * @param reviewTimeout how long an application waits for an operator before it is rejected
 * @param payoutTimeout start-to-close timeout of one call to a payment channel or funder
 * @param maxPayoutAttempts payout attempts (each under its own idempotency key) across channels
 * @param notificationTimeout start-to-close timeout of one notification
 * @param firstInDoubtPoll the first wait before asking a channel again about a payout in doubt
 * @param maxInDoubtPoll the longest wait between two questions about a payout in doubt
 */
public record LoanWorkflowSettings(
        Map<RiskSource, Duration> riskCheckTimeouts,
        int riskCheckMaxAttempts,
        Duration riskCheckDeadline,
        Duration decisionTimeout,
        Duration reviewTimeout,
        Duration payoutTimeout,
        int maxPayoutAttempts,
        Duration notificationTimeout,
        Duration firstInDoubtPoll,
        Duration maxInDoubtPoll) {

    public static final Duration DEFAULT_RISK_CHECK_TIMEOUT = Duration.ofMillis(500);

    public LoanWorkflowSettings {
        riskCheckTimeouts = Map.copyOf(riskCheckTimeouts);
    }

    public static LoanWorkflowSettings defaults() {
        return new LoanWorkflowSettings(uniform(DEFAULT_RISK_CHECK_TIMEOUT), 2, Duration.ofMillis(1200),
                Duration.ofSeconds(2), Duration.ofHours(24), Duration.ofSeconds(10), 3, Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** The same start-to-close timeout for every risk source. */
    public static Map<RiskSource, Duration> uniform(Duration timeout) {
        Map<RiskSource, Duration> timeouts = new EnumMap<>(RiskSource.class);
        for (RiskSource source : RiskSource.values()) {
            timeouts.put(source, timeout);
        }
        return timeouts;
    }

    public Duration riskCheckTimeout(RiskSource source) {
        return riskCheckTimeouts.getOrDefault(source, DEFAULT_RISK_CHECK_TIMEOUT);
    }

    public DisbursementPolicy disbursementPolicy() {
        return new DisbursementPolicy(maxPayoutAttempts, firstInDoubtPoll, maxInDoubtPoll);
    }
}
