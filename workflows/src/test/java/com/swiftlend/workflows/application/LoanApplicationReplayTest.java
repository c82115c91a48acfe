package com.swiftlend.workflows.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.decision.DecisionOutcome;
import com.swiftlend.workflows.notification.BorrowerNotifications;
import com.swiftlend.workflows.notification.Notice;
import com.swiftlend.workflows.notification.NoticeKind;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Histories recorded from earlier versions of the workflow must replay on the current code: a
 * change that would break running workflows fails the build here. When the workflow changes on
 * purpose (behind {@code Workflow.getVersion}), keep the old histories and add new ones: the
 * recording test below writes fresh histories to {@code target/histories}.
 */
class LoanApplicationReplayTest {

    private static final String[] COMMITTED = {
        "histories/loan-application-disbursed.json",
        "histories/loan-application-manual-review-approved.json",
        "histories/loan-application-resumed-while-disbursing.json"
    };

    @Test
    void givenCommittedHistories_whenReplayedOnCurrentCode_theyReplayWithoutNondeterminism() throws Exception {
        for (String history : COMMITTED) {
            WorkflowReplayer.replayWorkflowExecutionFromResource(history, LoanApplicationWorkflowImpl.class);
        }
    }

    @Test
    void givenCommittedHistory_whenReplayedOnReorderedCode_itFailsAsNondeterministic() {
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED[0],
                NotifiesFirstWorkflow.class))
                .hasStackTraceContaining("NonDeterministic");
    }

    @Test
    void givenCurrentCode_whenRecordingHistories_theyReplay() throws Exception {
        Path directory = Path.of("target", "histories");
        Files.createDirectories(directory);
        WorkflowExecutionHistory disbursed = record(DecisionOutcome.APPROVE, null);
        WorkflowExecutionHistory reviewed = record(DecisionOutcome.MANUAL_REVIEW, null);
        WorkflowExecutionHistory resumed = record(DecisionOutcome.APPROVE, new ResumePoint(
                ApplicationState.DISBURSING, 7, List.of(), new Decision(DecisionOutcome.APPROVE, List.of("LOW_RISK"),
                        new BigDecimal("2500.00"), new BigDecimal("0.12"), "rules-1", "model-1", 0.03),
                Instant.parse("2026-11-25T08:00:01Z"), null, 2, "bankwire"));
        write(directory.resolve("loan-application-disbursed.json"), disbursed);
        write(directory.resolve("loan-application-manual-review-approved.json"), reviewed);
        write(directory.resolve("loan-application-resumed-while-disbursing.json"), resumed);

        for (WorkflowExecutionHistory history : List.of(disbursed, reviewed, resumed)) {
            WorkflowReplayer.replayWorkflowExecution(history, LoanApplicationWorkflowImpl.class);
        }
        assertThat(disbursed.getEvents()).hasSizeGreaterThan(20);
    }

    private static void write(Path file, WorkflowExecutionHistory history) throws IOException {
        Files.writeString(file, history.toJson(true));
    }

    private static WorkflowExecutionHistory record(DecisionOutcome outcome, ResumePoint resume) {
        try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
            FakeParties parties = new FakeParties();
            parties.decisionOutcome = outcome;
            Worker applications = environment.newWorker(TaskQueues.LOAN_APPLICATIONS);
            applications.registerWorkflowImplementationTypes(LoanApplicationWorkflowImpl.class);
            applications.registerActivitiesImplementations(parties);
            environment.newWorker(TaskQueues.RISK).registerActivitiesImplementations(parties);
            environment.newWorker(TaskQueues.PAYMENTS).registerActivitiesImplementations(parties);
            environment.newWorker(TaskQueues.NOTIFICATIONS).registerActivitiesImplementations(parties);
            environment.start();
            LoanApplicationWorkflow workflow = environment.getWorkflowClient().newWorkflowStub(
                    LoanApplicationWorkflow.class, WorkflowOptions.newBuilder()
                            .setWorkflowId(LoanApplicationWorkflowTest.APPLICATION_ID)
                            .setTaskQueue(TaskQueues.LOAN_APPLICATIONS)
                            .build());
            WorkflowClient.start(workflow::process, LoanApplicationWorkflowTest.application(resume));
            if (outcome == DecisionOutcome.MANUAL_REVIEW) {
                while (workflow.status() == null || workflow.status().status() != ApplicationState.MANUAL_REVIEW) {
                    environment.sleep(Duration.ofMillis(50));
                }
                workflow.approve(new ReviewVerdict("operator-1", "checked"));
            }
            environment.getWorkflowClient().newUntypedWorkflowStub(LoanApplicationWorkflowTest.APPLICATION_ID)
                    .getResult(ApplicationStatus.class);
            return environment.getWorkflowClient().fetchHistory(LoanApplicationWorkflowTest.APPLICATION_ID);
        }
    }

    /** A careless change: it notifies the borrower before doing anything else. */
    public static class NotifiesFirstWorkflow extends LoanApplicationWorkflowImpl {

        @Override
        public ApplicationStatus process(LoanApplicationInput input) {
            Workflow.newActivityStub(BorrowerNotifications.class, ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.NOTIFICATIONS)
                    .setStartToCloseTimeout(Duration.ofSeconds(1))
                    .build())
                    .notifyBorrower(new Notice(input.applicationId(), input.applicant().phone(),
                            NoticeKind.MANUAL_REVIEW, null));
            return super.process(input);
        }
    }
}
