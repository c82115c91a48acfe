package com.swiftlend.workflows.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.application.FakeParties;
import com.swiftlend.workflows.application.FakeParties.ChannelScript;
import com.swiftlend.workflows.funding.FunderRefusal;
import com.swiftlend.workflows.payment.PayoutAttempt;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payout state machine on its own, on Temporal's time-skipping test environment, against
 * scripted channels and funders: each way a payout can end, and each way it must not.
 */
class DisbursementWorkflowTest {

    static final String APPLICATION_ID = "7f8a3c1e-0000-4000-8000-0000000000d1";
    static final String FIRST_KEY = APPLICATION_ID + ":payout:1";
    static final String SECOND_KEY = APPLICATION_ID + ":payout:2";

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

    static DisbursementRequest request(int maxAttempts) {
        return new DisbursementRequest(APPLICATION_ID, new BigDecimal("3000.00"), 30, "11", "6222020200112233445",
                "Li Wei", "CNY", new DisbursementPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }

    private DisbursementWorkflow stub() {
        return environment.getWorkflowClient().newWorkflowStub(DisbursementWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(DisbursementRequest.workflowId(APPLICATION_ID))
                        .setTaskQueue(TaskQueues.PAYMENTS)
                        .build());
    }

    @Test
    void givenTimeoutAfterPayingThenTheChannelDown_whenDisbursing_itWaitsForThatChannelAndPaysOnce() {
        parties.scripts.put("swiftpay", ChannelScript.TIMEOUT_THEN_DOWN);
        parties.downAnswers = 4;

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isTrue();
        assertThat(result.lastAttempt().channel()).isEqualTo("swiftpay");
        assertThat(parties.sends).extracting(PayoutOrder::idempotencyKey).containsExactly(FIRST_KEY);
        assertThat(parties.resolutions).hasSize(5).extracting(PayoutOrder::idempotencyKey).containsOnly(FIRST_KEY);
        assertThat(parties.resolutions).extracting(PayoutOrder::channel).containsOnly("swiftpay");
        assertThat(parties.paidAtChannel).containsOnlyKeys(FIRST_KEY);
    }

    @Test
    void givenAPayoutInDoubt_whenQueried_itShowsTheDoubtAndNoOtherChannelIsTried() {
        parties.scripts.put("swiftpay", ChannelScript.TIMEOUT_THEN_DOWN);
        parties.downAnswers = 1_000;
        DisbursementWorkflow workflow = stub();
        WorkflowClient.start(workflow::disburse, request(3));

        environment.sleep(Duration.ofHours(6));
        DisbursementStatus status = workflow.status();

        assertThat(status.step()).isEqualTo(DisbursementStep.RESOLVING_IN_DOUBT);
        assertThat(status.lastAttempt().state()).isEqualTo(PayoutState.SENT_UNCONFIRMED);
        assertThat(parties.sends).extracting(PayoutOrder::channel).containsOnly("swiftpay");
        // Patience grows to the one-minute ceiling: six hours are a few hundred questions, not thousands.
        assertThat(parties.resolutions.size()).isBetween(300, 400);
    }

    @Test
    void givenChannelAnswersPending_whenDisbursing_itPollsTheSameKeyUntilPaid() {
        parties.scripts.put("swiftpay", ChannelScript.PENDING);
        parties.pendingAnswers = 3;

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isTrue();
        assertThat(result.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.idempotencyKey()).isEqualTo(FIRST_KEY);
            assertThat(attempt.state()).isEqualTo(PayoutState.SUCCEEDED);
        });
        assertThat(parties.resolutions).hasSize(4);
    }

    @Test
    void givenTheChannelDeclinesForItsOwnReasons_whenDisbursing_itFailsOverToTheNextChannel() {
        parties.scripts.put("swiftpay", ChannelScript.DECLINE_CHANNEL);

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isTrue();
        assertThat(result.attempts()).extracting(PayoutAttempt::state)
                .containsExactly(PayoutState.DECLINED, PayoutState.SUCCEEDED);
        assertThat(result.lastAttempt().channel()).isEqualTo("bankwire");
        assertThat(parties.paidAtChannel).containsOnlyKeys(SECOND_KEY);
    }

    @Test
    void givenTheCheapestFunderRefuses_whenDisbursing_theNextFunderFundsAndTheRefusalIsRecorded() {
        parties.refusingFunders.add("harbor-capital");

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isTrue();
        assertThat(result.funding().funder()).isEqualTo("jade-trust");
        assertThat(result.funding().annualPrice()).isEqualByComparingTo("0.0780");
        assertThat(result.funding().refusals()).containsExactly(new FunderRefusal("harbor-capital", "RISK_APPETITE"));
        assertThat(parties.released).containsExactly("harbor-capital:RISK_APPETITE");
        assertThat(parties.consumed).containsExactly("jade-trust");
    }

    @Test
    void givenNoFunderHasQuota_whenDisbursing_nothingIsSentAndItSaysWhy() {
        parties.exhaustedFunders.add("harbor-capital");
        parties.exhaustedFunders.add("jade-trust");

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isFalse();
        assertThat(result.failureReason()).isEqualTo("NO_FUNDER_AVAILABLE");
        assertThat(result.funding().refusals()).extracting(FunderRefusal::reason)
                .containsExactly("QUOTA_EXHAUSTED", "QUOTA_EXHAUSTED");
        assertThat(parties.sends).isEmpty();
    }

    @Test
    void givenAnAttemptLeftInDoubtByAnEarlierRun_whenStartedAgain_itSettlesThatAttemptBeforeSendingAnything() {
        parties.scripts.put("bankwire", ChannelScript.TIMEOUT_AFTER_PAYING);
        parties.attempts.put(FIRST_KEY, new PayoutAttempt(FIRST_KEY, 1, "bankwire", new BigDecimal("3000.00"),
                PayoutState.SENT_UNCONFIRMED, null, null, false, "harbor-capital"));

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isTrue();
        assertThat(parties.sends).isEmpty();
        assertThat(parties.resolutions).extracting(PayoutOrder::idempotencyKey).containsOnly(FIRST_KEY);
        assertThat(parties.resolutions).extracting(PayoutOrder::channel).containsOnly("bankwire");
    }

    @Test
    void givenAnEarlierRunPaid_whenStartedAgainWithEveryQuotaNowSpent_itEndsDisbursedOnThatFunder() {
        parties.attempts.put(FIRST_KEY, new PayoutAttempt(FIRST_KEY, 1, "bankwire", new BigDecimal("3000.00"),
                PayoutState.SUCCEEDED, "ref-earlier", null, false, "jade-trust"));
        parties.exhaustedFunders.add("harbor-capital");
        parties.exhaustedFunders.add("jade-trust");

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isTrue();
        assertThat(result.funding().funder()).isEqualTo("jade-trust");
        assertThat(result.funding().state()).isEqualTo("CONSUMED");
        assertThat(parties.consumed).containsExactly("jade-trust");
        assertThat(parties.sends).isEmpty();
        assertThat(parties.released).isEmpty();
    }

    @Test
    void givenTheFundersBooksRefuseTheConsume_whenThePayoutSucceeded_itIsStillDisbursedAndFlagged() {
        parties.unconsumable.add("harbor-capital");

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isTrue();
        assertThat(result.funding().state()).isEqualTo("NOT_CONSUMED");
        assertThat(parties.released).isEmpty();
    }

    @Test
    void givenAnEarlierRunProvedItsAttemptUnsent_whenStartedAgain_itContinuesWithTheNextKeyOnAnotherChannel() {
        parties.attempts.put(FIRST_KEY, new PayoutAttempt(FIRST_KEY, 1, "swiftpay", new BigDecimal("3000.00"),
                PayoutState.PROVEN_NOT_SENT, null, "CHANNEL_UNAVAILABLE", false, "harbor-capital"));

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isTrue();
        assertThat(parties.sends).singleElement().satisfies(order -> {
            assertThat(order.idempotencyKey()).isEqualTo(SECOND_KEY);
            assertThat(order.channel()).isEqualTo("bankwire");
        });
    }

    @Test
    void givenTheAttemptLimitFixedAtStart_whenEveryAttemptIsRefused_itStopsThereAndCompensates() {
        parties.scripts.put("swiftpay", ChannelScript.REFUSED);

        DisbursementStatus result = stub().disburse(request(1));

        assertThat(result.disbursed()).isFalse();
        assertThat(result.failureReason()).isEqualTo("NO_CHANNEL_AVAILABLE");
        assertThat(parties.sends).extracting(PayoutOrder::channel).containsExactly("swiftpay");
        assertThat(result.funding().state()).isEqualTo("RELEASED");
        assertThat(parties.released).containsExactly("harbor-capital:NO_CHANNEL_AVAILABLE");
        assertThat(List.copyOf(parties.paidAtChannel.keySet())).isEmpty();
    }

    @Test
    void givenANewDisbursement_whenDisbursing_ourOwnReadsAreLocalActivitiesAndMoneyMovesAsActivities() {
        stub().disburse(request(3));

        List<HistoryEvent> events = environment.getWorkflowClient()
                .fetchHistory(DisbursementRequest.workflowId(APPLICATION_ID)).getEvents();
        assertThat(events).filteredOn(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .extracting(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .containsExactly("ReserveQuota", "RequestFunderApproval", "SendPayout", "ConsumeFunding");
        assertThat(events).filteredOn(HistoryEvent::hasMarkerRecordedEventAttributes)
                .extracting(event -> event.getMarkerRecordedEventAttributes().getMarkerName())
                .containsExactly("Version", "LocalActivity", "LocalActivity", "LocalActivity");
    }

    @Test
    void givenTheDatabaseFailsTheLocalReads_whenDisbursing_theServerReadsTheAttemptsAndItPaysOnce() {
        parties.unreachableReads.set(DisbursementWorkflowImpl.LOCAL_READ_ATTEMPTS);

        DisbursementStatus result = stub().disburse(request(3));

        assertThat(result.disbursed()).isTrue();
        assertThat(parties.sends).extracting(PayoutOrder::idempotencyKey).containsExactly(FIRST_KEY);
        List<HistoryEvent> events = environment.getWorkflowClient()
                .fetchHistory(DisbursementRequest.workflowId(APPLICATION_ID)).getEvents();
        assertThat(events).filteredOn(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .extracting(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .startsWith("RecordedPayoutAttempts");
    }
}
