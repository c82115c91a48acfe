package com.swiftlend.workflows.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.disbursement.DisbursementRequest;
import com.swiftlend.workflows.disbursement.DisbursementStatus;
import com.swiftlend.workflows.disbursement.DisbursementWorkflowImpl;
import com.swiftlend.workflows.funding.Funding;
import com.swiftlend.workflows.funding.FundingRequest;
import com.swiftlend.workflows.payment.ChannelPayouts;
import com.swiftlend.workflows.payment.ChannelRouting;
import com.swiftlend.workflows.payment.RoutingRequest;
import com.swiftlend.workflows.payment.PayoutAttempt;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutState;
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

    /** Recorded before disbursement became a child workflow: they run the inline payout loop. */
    private static final String[] COMMITTED = {
        "histories/loan-application-disbursed.json",
        "histories/loan-application-manual-review-approved.json",
        "histories/loan-application-resumed-while-disbursing.json"
    };

    /** Recorded on version 1 ({@code disbursement-child-workflow}): the loan workflow and its child. */
    private static final String[] COMMITTED_V1 = {
        "histories/v1/loan-application-disbursed.json",
        "histories/v1/loan-application-manual-review-approved.json",
        "histories/v1/loan-application-resumed-while-disbursing.json"
    };
    private static final String[] COMMITTED_V1_DISBURSEMENTS = {
        "histories/v1/disbursement-disbursed.json",
        "histories/v1/disbursement-in-doubt-then-paid.json",
        "histories/v1/disbursement-failed-over.json",
        "histories/v1/disbursement-resumed-in-doubt.json"
    };

    /**
     * Recorded on version 2 (the in-process steps as local activities), with disbursements on
     * {@code disbursement-local-reads} version 1: including a local risk check that timed out and
     * status records and an attempts read that fell back to the server after failing locally.
     */
    private static final String[] COMMITTED_V2 = {
        "histories/v2/loan-application-disbursed.json",
        "histories/v2/loan-application-manual-review-approved.json",
        "histories/v2/loan-application-resumed-while-disbursing.json",
        "histories/v2/loan-application-device-timed-out.json",
        "histories/v2/loan-application-records-fell-back.json"
    };
    private static final String[] COMMITTED_V2_DISBURSEMENTS = {
        "histories/v2/disbursement-disbursed.json",
        "histories/v2/disbursement-in-doubt-then-paid.json",
        "histories/v2/disbursement-failed-over.json",
        "histories/v2/disbursement-resumed-in-doubt.json",
        "histories/v2/disbursement-reads-fell-back.json"
    };

    @Test
    void givenCommittedHistories_whenReplayedOnCurrentCode_theyReplayWithoutNondeterminism() throws Exception {
        for (String history : COMMITTED) {
            WorkflowReplayer.replayWorkflowExecutionFromResource(history, LoanApplicationWorkflowImpl.class);
        }
        for (String history : COMMITTED_V1) {
            WorkflowReplayer.replayWorkflowExecutionFromResource(history, LoanApplicationWorkflowImpl.class);
        }
        for (String history : COMMITTED_V1_DISBURSEMENTS) {
            WorkflowReplayer.replayWorkflowExecutionFromResource(history, DisbursementWorkflowImpl.class);
        }
        for (String history : COMMITTED_V2) {
            WorkflowReplayer.replayWorkflowExecutionFromResource(history, LoanApplicationWorkflowImpl.class);
        }
        for (String history : COMMITTED_V2_DISBURSEMENTS) {
            WorkflowReplayer.replayWorkflowExecutionFromResource(history, DisbursementWorkflowImpl.class);
        }
    }

    @Test
    void givenCommittedV1Disbursement_whenReplayedOnCodeThatFailsOverFromDoubt_itFailsAsNondeterministic() {
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_V1_DISBURSEMENTS[1],
                FailsOverFromDoubtWorkflow.class))
                .hasStackTraceContaining("NonDeterministic");
    }

    @Test
    void givenCommittedHistory_whenReplayedOnReorderedCode_itFailsAsNondeterministic() {
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED[0],
                NotifiesFirstWorkflow.class))
                .hasStackTraceContaining("NonDeterministic");
    }

    @Test
    void givenCurrentCode_whenRecordingHistories_theyReplay() throws Exception {
        Path directory = Path.of("target", "histories", "v2");
        Files.createDirectories(directory);
        Recording disbursed = record(DecisionOutcome.APPROVE, null, parties -> { });
        Recording reviewed = record(DecisionOutcome.MANUAL_REVIEW, null, parties -> { });
        Recording resumed = record(DecisionOutcome.APPROVE, new ResumePoint(
                ApplicationState.DISBURSING, 7, List.of(), new Decision(DecisionOutcome.APPROVE, List.of("LOW_RISK"),
                        new BigDecimal("2500.00"), new BigDecimal("0.12"), "rules-1", "model-1", 0.03),
                Instant.parse("2026-11-25T08:00:01Z"), null, 2, "bankwire"), parties -> { });
        Recording inDoubt = record(DecisionOutcome.APPROVE, null,
                parties -> parties.scripts.put("swiftpay", FakeParties.ChannelScript.TIMEOUT_THEN_DOWN));
        Recording failedOver = record(DecisionOutcome.APPROVE, null,
                parties -> parties.scripts.put("swiftpay", FakeParties.ChannelScript.REFUSED));
        Recording resumedInDoubt = record(DecisionOutcome.APPROVE, null, parties -> {
            String key = PayoutOrder.idempotencyKey(LoanApplicationWorkflowTest.APPLICATION_ID, 1);
            parties.attempts.put(key, new PayoutAttempt(key, 1, "bankwire", new BigDecimal("3000.00"),
                    PayoutState.SENT_UNCONFIRMED, null, null, false, "harbor-capital"));
            parties.scripts.put("bankwire", FakeParties.ChannelScript.TIMEOUT_AFTER_PAYING);
        });
        Recording deviceTimedOut = record(DecisionOutcome.APPROVE, null, parties -> parties.deviceDelayMillis = 2_000);
        Recording fellBack = record(DecisionOutcome.APPROVE, null, parties -> {
            parties.failingRecords.set(InProcessSteps.LOCAL_RECORD_ATTEMPTS);
            parties.unreachableReads.set(DisbursementWorkflowImpl.LOCAL_READ_ATTEMPTS);
        });
        write(directory.resolve("loan-application-disbursed.json"), disbursed.loan());
        write(directory.resolve("loan-application-manual-review-approved.json"), reviewed.loan());
        write(directory.resolve("loan-application-resumed-while-disbursing.json"), resumed.loan());
        write(directory.resolve("disbursement-disbursed.json"), disbursed.disbursement());
        write(directory.resolve("disbursement-in-doubt-then-paid.json"), inDoubt.disbursement());
        write(directory.resolve("disbursement-failed-over.json"), failedOver.disbursement());
        write(directory.resolve("disbursement-resumed-in-doubt.json"), resumedInDoubt.disbursement());
        write(directory.resolve("loan-application-device-timed-out.json"), deviceTimedOut.loan());
        write(directory.resolve("loan-application-records-fell-back.json"), fellBack.loan());
        write(directory.resolve("disbursement-reads-fell-back.json"), fellBack.disbursement());

        for (Recording recording : List.of(disbursed, reviewed, resumed, inDoubt, failedOver, resumedInDoubt,
                deviceTimedOut, fellBack)) {
            WorkflowReplayer.replayWorkflowExecution(recording.loan(), LoanApplicationWorkflowImpl.class);
            WorkflowReplayer.replayWorkflowExecution(recording.disbursement(), DisbursementWorkflowImpl.class);
        }
        assertThat(disbursed.loan().getEvents()).hasSizeGreaterThan(20);
        assertThat(LoanApplicationWorkflowTest.localActivities(disbursed.loan().getEvents())).contains("Score");
        assertThat(inDoubt.disbursement().getEvents()).hasSizeGreaterThan(disbursed.disbursement().getEvents().size());
    }

    private record Recording(WorkflowExecutionHistory loan, WorkflowExecutionHistory disbursement) {
    }

    private static void write(Path file, WorkflowExecutionHistory history) throws IOException {
        Files.writeString(file, history.toJson(true));
    }

    private static Recording record(DecisionOutcome outcome, ResumePoint resume,
            java.util.function.Consumer<FakeParties> script) {
        try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
            FakeParties parties = new FakeParties();
            parties.decisionOutcome = outcome;
            script.accept(parties);
            parties.serve(environment, LoanWorkflowSettings.defaults());
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
            return new Recording(
                    environment.getWorkflowClient().fetchHistory(LoanApplicationWorkflowTest.APPLICATION_ID),
                    environment.getWorkflowClient().fetchHistory(
                            DisbursementRequest.workflowId(LoanApplicationWorkflowTest.APPLICATION_ID)));
        }
    }

    /**
     * A payments engineer's shortcut: the same steps up to the first send, then a payout in doubt
     * is given up for the next channel instead of being asked about.
     */
    public static class FailsOverFromDoubtWorkflow extends DisbursementWorkflowImpl {

        @Override
        public DisbursementStatus disburse(DisbursementRequest request) {
            ActivityOptions options = ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.PAYMENTS)
                    .setStartToCloseTimeout(Duration.ofSeconds(1))
                    .build();
            ChannelPayouts payouts = Workflow.newActivityStub(ChannelPayouts.class, options);
            Funding funding = Workflow.newActivityStub(Funding.class, options);
            ChannelRouting routing = Workflow.newActivityStub(ChannelRouting.class, options);
            String id = request.applicationId();
            payouts.recordedPayoutAttempts(id);
            FundingRequest ask = new FundingRequest(id, request.amount(), request.termDays(), request.region(), null);
            String funder = funding.eligibleFunders(ask).get(0).funder();
            funding.reserveQuota(ask, funder);
            funding.requestFunderApproval(ask, funder);
            List<String> channels = routing.rankChannels(new RoutingRequest(id, request.amount(), "CNY")).channels();
            PayoutAttempt first = payouts.sendPayout(order(request, 1, channels.get(0)));
            if (first.state().inDoubt()) {
                payouts.sendPayout(order(request, 2, channels.get(1)));
            }
            return null;
        }

        private static PayoutOrder order(DisbursementRequest request, int attempt, String channel) {
            return new PayoutOrder(request.applicationId(), attempt,
                    PayoutOrder.idempotencyKey(request.applicationId(), attempt), channel, request.amount(),
                    request.bankCard(), request.accountName());
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
