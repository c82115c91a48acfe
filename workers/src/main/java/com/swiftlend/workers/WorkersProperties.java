package com.swiftlend.workers;

import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.risk.RiskSource;
import java.time.Duration;
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

    /** See {@link com.swiftlend.workflows.application.LoanWorkflowSettings}. */
    public record Workflow(
            @DefaultValue("500ms") Duration riskCheckTimeout,
            @DefaultValue Map<RiskSource, Duration> riskCheckTimeouts,
            @DefaultValue("2") int riskCheckMaxAttempts,
            @DefaultValue("1200ms") Duration riskCheckDeadline,
            @DefaultValue("2s") Duration decisionTimeout,
            @DefaultValue("24h") Duration reviewTimeout,
            @DefaultValue("10s") Duration payoutTimeout,
            @DefaultValue("3") int maxPayoutAttempts,
            @DefaultValue("10s") Duration notificationTimeout) {
    }

    public Capacity capacityOf(String taskQueue) {
        return capacity.getOrDefault(taskQueue, Capacity.DEFAULT);
    }
}
