package com.swiftlend.workflows.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.decision.DecisionOutcome;
import com.swiftlend.workflows.notification.NoticeKind;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutAttempt;
import com.swiftlend.workflows.payment.PayoutState;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskSource;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoanApplicationWorkflowTest {

    static final String APPLICATION_ID = "7f8a3c1e-0000-4000-8000-000000000001";

    private TestWorkflowEnvironment environment;
    private FakeParties parties;

    @BeforeEach
    void startEnvironment() {
        environment = TestWorkflowEnvironment.newInstance();
        parties = new FakeParties();
        parties.serve(environment, FakeParties.testSettings());
        environment.start();
    }

    @AfterEach
    void stopEnvironment() {
        environment.close();
    }

    static LoanApplicationInput application(ResumePoint resume) {
        return new LoanApplicationInput(APPLICATION_ID,
                new Applicant("Li Wei", "11010519491231002X", "13800138000", "6222020200112233445", "device-1",
                        "203.0.113.7"),
                new LoanTerms(new BigDecimal("3000.00"), 30, "rent"), Instant.parse("2026-11-25T08:00:00Z"), resume);
    }

    private LoanApplicationWorkflow stub() {
        return environment.getWorkflowClient().newWorkflowStub(LoanApplicationWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(APPLICATION_ID)
                        .setTaskQueue(TaskQueues.LOAN_APPLICATIONS)
                        .build());
    }

    @Test
    void givenAllSourcesPass_whenApplying_itDisbursesAndNotifies() {
        ApplicationStatus result = stub().process(application(null));

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSED);
        assertThat(result.step()).isEqualTo(ApplicationStep.COMPLETED);
        assertThat(result.riskChecks()).extracting(RiskCheckView::source).containsExactly(RiskSource.values());
        assertThat(result.riskChecks()).allMatch(check -> check.outcome() == RiskOutcome.PASS);
        assertThat(result.decision().outcome()).isEqualTo(DecisionOutcome.APPROVE);
        assertThat(result.decision().reasons()).containsExactly("LOW_RISK");
        assertThat(result.payout().state()).isEqualTo(PayoutState.SUCCEEDED);
        assertThat(result.completedAt()).isNotNull();
        assertThat(parties.sends).singleElement()
                .extracting(PayoutOrder::idempotencyKey).isEqualTo(APPLICATION_ID + ":payout:1");
        assertThat(parties.notices).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(NoticeKind.DISBURSED);
            assertThat(notice.amount()).isEqualByComparingTo("3000.00");
        });
        assertThat(parties.recorded).extracting(ApplicationStatus::status).containsSubsequence(
                ApplicationState.UNDER_REVIEW, ApplicationState.APPROVED, ApplicationState.DISBURSING,
                ApplicationState.DISBURSED);
        assertThat(parties.recorded).extracting(ApplicationStatus::revision).isSorted();
    }

    @Test
    void givenBureauTimesOut_whenApplying_itDecidesWithBureauUnavailable() {
        parties.bureauDelayMillis = 1_000;
        LoanApplicationWorkflow workflow = stub();
        WorkflowClient.start(workflow::process, application(null));
        waitFor(workflow, ApplicationState.MANUAL_REVIEW);

        ApplicationStatus result = workflow.status();

        RiskCheckView bureau = result.riskChecks().get(0);
        assertThat(bureau.source()).isEqualTo(RiskSource.CREDIT_BUREAU);
        assertThat(bureau.outcome()).isEqualTo(RiskOutcome.UNAVAILABLE);
        assertThat(bureau.note()).contains("timed out");
        assertThat(result.riskChecks()).filteredOn(check -> check.source() != RiskSource.CREDIT_BUREAU)
                .allMatch(check -> check.outcome() == RiskOutcome.PASS);
        assertThat(result.status()).isEqualTo(ApplicationState.MANUAL_REVIEW);
        assertThat(result.decision().reasons()).containsExactly("BUREAU_UNAVAILABLE");
    }

    @Test
    void givenManualReview_whenOperatorApproves_itDisburses() {
        parties.decisionOutcome = DecisionOutcome.MANUAL_REVIEW;
        LoanApplicationWorkflow workflow = stub();
        WorkflowClient.start(workflow::process, application(null));
        waitFor(workflow, ApplicationState.MANUAL_REVIEW);

        workflow.approve(new ReviewVerdict("operator-7", "income verified by phone"));
        ApplicationStatus result = environment.getWorkflowClient()
                .newUntypedWorkflowStub(APPLICATION_ID).getResult(ApplicationStatus.class);

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSED);
        assertThat(result.review().reviewer()).isEqualTo("operator-7");
        assertThat(result.decision().outcome()).isEqualTo(DecisionOutcome.MANUAL_REVIEW);
        assertThat(parties.notices).extracting(notice -> notice.kind())
                .containsExactly(NoticeKind.MANUAL_REVIEW, NoticeKind.DISBURSED);
    }

    @Test
    void givenManualReview_whenOperatorRejects_itRejectsWithoutPaying() {
        parties.decisionOutcome = DecisionOutcome.MANUAL_REVIEW;
        LoanApplicationWorkflow workflow = stub();
        WorkflowClient.start(workflow::process, application(null));
        waitFor(workflow, ApplicationState.MANUAL_REVIEW);

        workflow.reject(new ReviewVerdict("operator-7", "documents forged"));
        ApplicationStatus result = environment.getWorkflowClient()
                .newUntypedWorkflowStub(APPLICATION_ID).getResult(ApplicationStatus.class);

        assertThat(result.status()).isEqualTo(ApplicationState.REJECTED);
        assertThat(parties.sends).isEmpty();
    }

    @Test
    void givenManualReview_whenNobodyAnswersFor24Hours_itRejectsAsExpired() {
        parties.decisionOutcome = DecisionOutcome.MANUAL_REVIEW;
        LoanApplicationWorkflow workflow = stub();
        WorkflowClient.start(workflow::process, application(null));
        waitFor(workflow, ApplicationState.MANUAL_REVIEW);

        environment.sleep(Duration.ofHours(24).plusMinutes(1));
        ApplicationStatus result = environment.getWorkflowClient()
                .newUntypedWorkflowStub(APPLICATION_ID).getResult(ApplicationStatus.class);

        assertThat(result.status()).isEqualTo(ApplicationState.REJECTED);
        assertThat(result.decision().reasons()).endsWith("REVIEW_EXPIRED");
        assertThat(parties.sends).isEmpty();
        assertThat(parties.notices).extracting(notice -> notice.kind())
                .containsExactly(NoticeKind.MANUAL_REVIEW, NoticeKind.REJECTED);
    }

    @Test
    void givenFirstChannelRefusesBeforeAnythingIsSent_whenDisbursing_itFailsOverUnderANewIdempotencyKey() {
        parties.scripts.put("swiftpay", FakeParties.ChannelScript.REFUSED);

        ApplicationStatus result = stub().process(application(null));

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSED);
        assertThat(result.payout().channel()).isEqualTo("bankwire");
        assertThat(result.payout().attempt()).isEqualTo(2);
        assertThat(parties.sends).extracting(PayoutOrder::idempotencyKey)
                .containsExactly(APPLICATION_ID + ":payout:1", APPLICATION_ID + ":payout:2");
        assertThat(parties.paidAtChannel).containsOnlyKeys(APPLICATION_ID + ":payout:2");
        assertThat(result.funding().funder()).isEqualTo("harbor-capital");
        assertThat(result.funding().state()).isEqualTo("CONSUMED");
        assertThat(result.routing().channels()).containsExactly("swiftpay", "bankwire");
    }

    @Test
    void givenEveryChannelRefuses_whenDisbursing_itEndsDisbursementFailedAndReleasesTheFunder() {
        parties.scripts.put("swiftpay", FakeParties.ChannelScript.REFUSED);
        parties.scripts.put("bankwire", FakeParties.ChannelScript.REFUSED);

        ApplicationStatus result = stub().process(application(null));

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSEMENT_FAILED);
        assertThat(result.payout().note()).isEqualTo("NO_CHANNEL_AVAILABLE");
        assertThat(result.payout().state()).isEqualTo(PayoutState.PROVEN_NOT_SENT);
        assertThat(result.funding().state()).isEqualTo("RELEASED");
        assertThat(parties.released).containsExactly("harbor-capital:NO_CHANNEL_AVAILABLE");
        assertThat(parties.paidAtChannel).isEmpty();
        assertThat(parties.notices).extracting(notice -> notice.kind())
                .containsExactly(NoticeKind.DISBURSEMENT_FAILED);
    }

    @Test
    void givenCardDeclined_whenDisbursing_itDoesNotTryAnotherChannel() {
        parties.scripts.put("swiftpay", FakeParties.ChannelScript.DECLINE_CARD);

        ApplicationStatus result = stub().process(application(null));

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSEMENT_FAILED);
        assertThat(result.payout().note()).isEqualTo("CARD_BLOCKED");
        assertThat(parties.sends).extracting(PayoutOrder::channel).containsOnly("swiftpay");
        assertThat(parties.released).containsExactly("harbor-capital:CARD_BLOCKED");
    }

    @Test
    void givenChannelTimesOutAfterPaying_whenDisbursing_itAsksTheSameChannelAndNeverPaysTwice() {
        parties.scripts.put("swiftpay", FakeParties.ChannelScript.TIMEOUT_AFTER_PAYING);

        ApplicationStatus result = stub().process(application(null));

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSED);
        assertThat(result.payout().channel()).isEqualTo("swiftpay");
        assertThat(parties.resolutions).singleElement().extracting(PayoutOrder::idempotencyKey)
                .isEqualTo(APPLICATION_ID + ":payout:1");
        assertThat(parties.sends).extracting(PayoutOrder::idempotencyKey)
                .containsOnly(APPLICATION_ID + ":payout:1");
        assertThat(parties.paidAtChannel).containsOnlyKeys(APPLICATION_ID + ":payout:1");
    }

    @Test
    void givenResumeWhileDisbursing_whenTheRecordedAttemptHadPaid_itCompletesWithoutSendingAgain() {
        parties.attempts.put(APPLICATION_ID + ":payout:2", new PayoutAttempt(APPLICATION_ID + ":payout:2", 2,
                "bankwire", new BigDecimal("2500.00"), PayoutState.SUCCEEDED, "ref-earlier", null, false, "jade-trust"));
        Decision approved = new Decision(DecisionOutcome.APPROVE, List.of("LOW_RISK"), new BigDecimal("2500.00"),
                new BigDecimal("0.12"), "rules-1", "model-1", 0.03);
        ResumePoint resume = new ResumePoint(ApplicationState.DISBURSING, 7, List.of(), approved,
                Instant.parse("2026-11-25T08:00:01Z"), null, 2, "bankwire");

        ApplicationStatus result = stub().process(application(resume));

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSED);
        assertThat(result.payout().channelReference()).isEqualTo("ref-earlier");
        assertThat(parties.recorded).allMatch(recorded -> recorded.revision() > 7);
        assertThat(parties.sends).isEmpty();
        assertThat(parties.consumed).containsExactly("jade-trust");
    }

    @Test
    void givenFallbackReviewWithoutTerms_whenOperatorApprovesWithoutTerms_itIsNotPaidUntilTermsAreGiven() {
        parties.decisionOutcome = DecisionOutcome.MANUAL_REVIEW;
        parties.scoringFails = true;
        LoanApplicationWorkflow workflow = stub();
        WorkflowClient.start(workflow::process, application(null));
        waitFor(workflow, ApplicationState.MANUAL_REVIEW);
        assertThat(workflow.status().decision().reasons()).containsExactly("SCORING_UNAVAILABLE");

        workflow.approve(new ReviewVerdict("operator-7", "no terms"));
        environment.sleep(Duration.ofMinutes(1));
        assertThat(workflow.status().status()).isEqualTo(ApplicationState.MANUAL_REVIEW);
        workflow.approve(new ReviewVerdict("operator-7", "income verified", new BigDecimal("1500.00"),
                new BigDecimal("0.18")));
        ApplicationStatus result = environment.getWorkflowClient()
                .newUntypedWorkflowStub(APPLICATION_ID).getResult(ApplicationStatus.class);

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSED);
        assertThat(parties.sends).singleElement().satisfies(order ->
                assertThat(order.amount()).isEqualByComparingTo("1500.00"));
        assertThat(result.review().annualRate()).isEqualByComparingTo("0.18");
    }

    @Test
    void givenStoppedWhileTellingTheBorrower_whenResumed_itOnlySendsTheNoticeAndCompletes() {
        Decision rejected = new Decision(DecisionOutcome.REJECT, List.of("FRAUD_SUSPECTED"), null, null, "rules-1",
                "model-1", 0.4);
        ResumePoint resume = new ResumePoint(ApplicationState.REJECTED, 5, List.of(), rejected,
                Instant.parse("2026-11-25T08:00:01Z"), null, 0, null);

        ApplicationStatus result = stub().process(application(resume));

        assertThat(result.status()).isEqualTo(ApplicationState.REJECTED);
        assertThat(result.step()).isEqualTo(ApplicationStep.COMPLETED);
        assertThat(parties.notices).extracting(notice -> notice.kind()).containsExactly(NoticeKind.REJECTED);
        assertThat(parties.sends).isEmpty();
        assertThat(parties.recorded).allMatch(recorded -> recorded.revision() > 5);
    }

    @Test
    void givenTheDisbursementWorkflowFails_whenDisbursing_itIsStartedAgainAndNeverReportedAsFailed() {
        parties.brokenReads.set(1);

        ApplicationStatus result = stub().process(application(null));

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSED);
        assertThat(parties.recorded).extracting(ApplicationStatus::status)
                .doesNotContain(ApplicationState.DISBURSEMENT_FAILED);
        assertThat(parties.paidAtChannel).containsOnlyKeys(APPLICATION_ID + ":payout:1");
    }

    @Test
    void givenResumeInManualReview_whenDeadlinePassedWhileDown_itRejectsAtOnce() {
        Decision review = new Decision(DecisionOutcome.MANUAL_REVIEW, List.of("SCORE_BORDERLINE"), null, null,
                "rules-1", "model-1", 0.2);
        ResumePoint resume = new ResumePoint(ApplicationState.MANUAL_REVIEW, 4, List.of(), review,
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-02T00:00:00Z"), 0, null);

        ApplicationStatus result = stub().process(application(resume));

        assertThat(result.status()).isEqualTo(ApplicationState.REJECTED);
        assertThat(result.decision().reasons()).containsExactly("SCORE_BORDERLINE", "REVIEW_EXPIRED");
        assertThat(parties.recorded).allMatch(recorded -> recorded.revision() > 4);
    }

    @Test
    void givenNewApplication_whenApplying_theInProcessStepsRunAsLocalActivitiesAndOnlyRemoteOnesAsActivities() {
        stub().process(application(null));

        List<HistoryEvent> events = environment.getWorkflowClient().fetchHistory(APPLICATION_ID).getEvents();
        assertThat(events).filteredOn(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .extracting(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .containsExactlyInAnyOrder("FetchCreditReport", "AssessFraud", "NotifyBorrower");
        assertThat(localActivities(events)).contains("RecordStatus", "ScreenBlacklist", "InspectDevice",
                "MeasureVelocity", "Score", "Decide");
        assertThat(localActivities(events)).filteredOn("RecordStatus"::equals).hasSize(parties.recorded.size());
        assertThat(events).filteredOn(HistoryEvent::hasMarkerRecordedEventAttributes)
                .extracting(event -> event.getMarkerRecordedEventAttributes().getMarkerName())
                .contains("Version");
    }

    @Test
    void givenDeviceCheckOutlastsItsTimeout_whenApplying_itIsUnavailableEvidenceAndTheFlowGoesOn() {
        parties.deviceDelayMillis = 1_000;

        ApplicationStatus result = stub().process(application(null));

        RiskCheckView device = result.riskChecks().stream()
                .filter(check -> check.source() == RiskSource.DEVICE).findFirst().orElseThrow();
        assertThat(device.outcome()).isEqualTo(RiskOutcome.UNAVAILABLE);
        assertThat(device.note()).contains("timed out");
        assertThat(result.riskChecks()).filteredOn(check -> check.source() != RiskSource.DEVICE)
                .allMatch(check -> check.outcome() == RiskOutcome.PASS);
        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSED);
    }

    @Test
    void givenRiskChecksAnswered_whenScoring_theEvidenceIsRecordedBeforeTheDecision() {
        stub().process(application(null));

        ApplicationStatus evidence = parties.recorded.stream()
                .filter(recorded -> recorded.step() == ApplicationStep.SCORING).findFirst().orElseThrow();
        assertThat(evidence.status()).isEqualTo(ApplicationState.UNDER_REVIEW);
        assertThat(evidence.decision()).isNull();
        assertThat(evidence.riskChecks()).extracting(RiskCheckView::source).containsExactly(RiskSource.values());
        assertThat(parties.recorded).extracting(ApplicationStatus::revision).doesNotHaveDuplicates().isSorted();
        assertThat(parties.recorded.indexOf(evidence)).isLessThan(indexOfFirstDecided());
    }

    @Test
    void givenTheDatabaseFailsTheLocalTries_whenRecordingAStatus_theServerRecordsItAndNoRevisionIsLost() {
        parties.failingRecords.set(InProcessSteps.LOCAL_RECORD_ATTEMPTS);

        ApplicationStatus result = stub().process(application(null));

        assertThat(result.status()).isEqualTo(ApplicationState.DISBURSED);
        assertThat(parties.recorded.get(0).status()).isEqualTo(ApplicationState.UNDER_REVIEW);
        assertThat(parties.recorded.get(0).step()).isEqualTo(ApplicationStep.RISK_CHECKS);
        assertThat(parties.recorded).extracting(ApplicationStatus::revision).doesNotHaveDuplicates().isSorted();
        assertThat(parties.recorded).last().extracting(ApplicationStatus::revision).isEqualTo(result.revision());
        List<HistoryEvent> events = environment.getWorkflowClient().fetchHistory(APPLICATION_ID).getEvents();
        assertThat(events).filteredOn(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .extracting(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .containsOnlyOnce("RecordStatus");
    }

    private int indexOfFirstDecided() {
        for (int i = 0; i < parties.recorded.size(); i++) {
            if (parties.recorded.get(i).decision() != null) {
                return i;
            }
        }
        throw new AssertionError("no decided revision recorded");
    }

    /** The activity type of each local activity the history records, in order. */
    static List<String> localActivities(List<HistoryEvent> events) {
        return events.stream()
                .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
                .map(HistoryEvent::getMarkerRecordedEventAttributes)
                .filter(marker -> marker.getMarkerName().equals("LocalActivity"))
                .map(marker -> DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(0,
                        Optional.of(marker.getDetailsOrThrow("type")), String.class, String.class))
                .toList();
    }

    private void waitFor(LoanApplicationWorkflow workflow, ApplicationState state) {
        for (int i = 0; i < 200; i++) {
            ApplicationStatus current = workflow.status();
            if (current != null && current.status() == state) {
                return;
            }
            environment.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("workflow never reached " + state);
    }
}
