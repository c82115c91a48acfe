package com.swiftlend.workflows.application;

import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.decision.LoanDecisioning;
import com.swiftlend.workflows.risk.BlacklistCheck;
import com.swiftlend.workflows.risk.DeviceCheck;
import com.swiftlend.workflows.risk.RiskSource;
import com.swiftlend.workflows.risk.VelocityCheck;
import com.swiftlend.workflows.scoring.CreditScoring;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * The steps of the loan flow that run in our own process in milliseconds and are idempotent: the
 * status record (per revision), the blacklist (database), device and velocity (Redis), scoring
 * (PMML) and the decision rules (DMN). Before version 2 of the loan workflow they are regular
 * activities, one server round trip each; since, local activities, run by the worker that runs
 * the workflow and recorded as markers. Remote parties and money stay regular activities.
 *
 * <p>Each step keeps its timeouts, deadline and retries either way; only where it runs changes.
 *
 * @param local whether these are local activities (version 2 on)
 */
record InProcessSteps(
        boolean local,
        ApplicationRecords records,
        BlacklistCheck blacklist,
        DeviceCheck device,
        VelocityCheck velocity,
        CreditScoring scoring,
        LoanDecisioning decisioning) {

    /** The interfaces of these steps, which the worker of the workflow must implement. */
    static final List<Class<?>> INTERFACES = List.of(ApplicationRecords.class, BlacklistCheck.class,
            DeviceCheck.class, VelocityCheck.class, CreditScoring.class, LoanDecisioning.class);

    static final Duration RECORD_TIMEOUT = Duration.ofSeconds(5);
    /**
     * In-process tries of a status record before it is handed to the server as a regular activity
     * (which retries without limit): a database away for long must not hold the workflow task
     * open, heartbeating, and grow the history while it retries.
     */
    static final int LOCAL_RECORD_ATTEMPTS = 3;
    private static final Duration RISK_CHECK_FIRST_RETRY = Duration.ofMillis(50);

    /** As regular activities: the commands of histories recorded before version 2. */
    static InProcessSteps asActivities(LoanWorkflowSettings settings) {
        ActivityOptions decisionOptions = ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.RISK)
                .setStartToCloseTimeout(settings.decisionTimeout())
                .setRetryOptions(decisionRetries())
                .build();
        return new InProcessSteps(false,
                Workflow.newActivityStub(ApplicationRecords.class, recordOptions()),
                Workflow.newActivityStub(BlacklistCheck.class, riskOptions(settings, RiskSource.BLACKLIST)),
                Workflow.newActivityStub(DeviceCheck.class, riskOptions(settings, RiskSource.DEVICE)),
                Workflow.newActivityStub(VelocityCheck.class, riskOptions(settings, RiskSource.VELOCITY)),
                Workflow.newActivityStub(CreditScoring.class, decisionOptions),
                Workflow.newActivityStub(LoanDecisioning.class, decisionOptions));
    }

    /** As local activities, with the same timeouts and retries as {@link #asActivities}. */
    static InProcessSteps asLocalActivities(LoanWorkflowSettings settings) {
        LocalActivityOptions decisionOptions = LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(settings.decisionTimeout())
                .setRetryOptions(decisionRetries())
                .setDoNotIncludeArgumentsIntoMarker(true)
                .build();
        return new InProcessSteps(true,
                Workflow.newLocalActivityStub(ApplicationRecords.class, LocalActivityOptions.newBuilder()
                        .setStartToCloseTimeout(RECORD_TIMEOUT)
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofMillis(100))
                                .setMaximumAttempts(LOCAL_RECORD_ATTEMPTS)
                                .build())
                        .setDoNotIncludeArgumentsIntoMarker(true)
                        .build()),
                Workflow.newLocalActivityStub(BlacklistCheck.class, localRiskOptions(settings, RiskSource.BLACKLIST)),
                Workflow.newLocalActivityStub(DeviceCheck.class, localRiskOptions(settings, RiskSource.DEVICE)),
                Workflow.newLocalActivityStub(VelocityCheck.class, localRiskOptions(settings, RiskSource.VELOCITY)),
                Workflow.newLocalActivityStub(CreditScoring.class, decisionOptions),
                Workflow.newLocalActivityStub(LoanDecisioning.class, decisionOptions));
    }

    /** The status record by the server: it must be written, however long the database is away (no attempt limit). */
    static ActivityOptions recordOptions() {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.LOAN_APPLICATIONS)
                .setStartToCloseTimeout(RECORD_TIMEOUT)
                .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(10)).build())
                .build();
    }

    /** Risk options shared by every source, regular or local; each source has its own timeout. */
    static ActivityOptions riskOptions(LoanWorkflowSettings settings, RiskSource source) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.RISK)
                .setStartToCloseTimeout(settings.riskCheckTimeout(source))
                .setScheduleToCloseTimeout(settings.riskCheckDeadline())
                .setRetryOptions(riskRetries(settings))
                .build();
    }

    private static LocalActivityOptions localRiskOptions(LoanWorkflowSettings settings, RiskSource source) {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(settings.riskCheckTimeout(source))
                .setScheduleToCloseTimeout(settings.riskCheckDeadline())
                .setRetryOptions(riskRetries(settings))
                // The subject's personal data is in the workflow's input already; the marker needs
                // only the answer.
                .setDoNotIncludeArgumentsIntoMarker(true)
                .build();
    }

    private static RetryOptions riskRetries(LoanWorkflowSettings settings) {
        return RetryOptions.newBuilder()
                .setInitialInterval(RISK_CHECK_FIRST_RETRY)
                .setMaximumAttempts(settings.riskCheckMaxAttempts())
                .setDoNotRetry(Failures.INVALID_INPUT.name())
                .build();
    }

    private static RetryOptions decisionRetries() {
        return RetryOptions.newBuilder()
                .setMaximumAttempts(3)
                .setDoNotRetry(Failures.INVALID_INPUT.name())
                .build();
    }
}
