package com.swiftlend.workers;

import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.risk.RiskSource;
import java.time.Duration;
import com.swiftlend.workflows.application.LoanWorkflowSettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which task queues this process polls, with what capacity, and the workflow's timeouts. One
 * process may poll all queues (the embedded default) or one (a production container per queue).
 */
@ConfigurationProperties("swiftlend.workers")
public record WorkersProperties(
        @DefaultValue({TaskQueues.LOAN_APPLICATIONS, TaskQueues.RISK, TaskQueues.PAYMENTS, TaskQueues.NOTIFICATIONS})
        List<String> taskQueues,
        @DefaultValue Map<String, Capacity> capacity,
        @DefaultValue Workflow workflow) {

    /**
     * @param activities activities this process runs at once on the queue
     * @param workflowTasks workflow tasks this process runs at once on the queue
     * @param pollers pollers per kind of task; the measured embedded setup needed 8 (STACK.md)
     */
    public record Capacity(
            @DefaultValue("50") int activities,
            @DefaultValue("50") int workflowTasks,
            @DefaultValue("4") int pollers) {

        static final Capacity DEFAULT = new Capacity(50, 50, 4);
    }

    /**
     * Overrides of the workflow settings, each optional: an absent value keeps the default of
     * {@link LoanWorkflowSettings#defaults()}, the one place the defaults live.
     */
    public record Workflow(
            Duration riskCheckTimeout,
            @DefaultValue Map<RiskSource, Duration> riskCheckTimeouts,
            Integer riskCheckMaxAttempts,
            Duration riskCheckDeadline,
            Duration decisionTimeout,
            Duration reviewTimeout,
            Duration payoutTimeout,
            Integer maxPayoutAttempts,
            Duration notificationTimeout,
            Duration firstInDoubtPoll,
            Duration maxInDoubtPoll) {

        /** The defaults with every configured value in place of its default. */
        public LoanWorkflowSettings settings() {
            LoanWorkflowSettings d = LoanWorkflowSettings.defaults();
            Map<RiskSource, Duration> timeouts = new EnumMap<>(RiskSource.class);
            for (RiskSource source : RiskSource.values()) {
                timeouts.put(source, riskCheckTimeouts.getOrDefault(source,
                        riskCheckTimeout != null ? riskCheckTimeout : d.riskCheckTimeout(source)));
            }
            return new LoanWorkflowSettings(timeouts, or(riskCheckMaxAttempts, d.riskCheckMaxAttempts()),
                    or(riskCheckDeadline, d.riskCheckDeadline()), or(decisionTimeout, d.decisionTimeout()),
                    or(reviewTimeout, d.reviewTimeout()), or(payoutTimeout, d.payoutTimeout()),
                    or(maxPayoutAttempts, d.maxPayoutAttempts()), or(notificationTimeout, d.notificationTimeout()),
                    or(firstInDoubtPoll, d.firstInDoubtPoll()), or(maxInDoubtPoll, d.maxInDoubtPoll()));
        }

        private static <T> T or(T configured, T fallback) {
            return configured != null ? configured : fallback;
        }
    }

    public Capacity capacityOf(String taskQueue) {
        return capacity.getOrDefault(taskQueue, Capacity.DEFAULT);
    }
}
