package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.activities.payment.StaleClaimSweep;
import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.records.ledger.Ledger;
import com.swiftlend.records.ledger.PrincipalHold;
import com.swiftlend.records.payout.ChannelBalanceHolds;
import com.swiftlend.records.payout.Payout;
import com.swiftlend.records.payout.PayoutRepository;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.application.Applicant;
import com.swiftlend.workflows.application.LoanTerms;
import com.swiftlend.workflows.payment.ChannelPayouts;
import com.swiftlend.workflows.payment.Disbursement;
import com.swiftlend.workflows.payment.PayoutAttempt;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutState;
import com.swiftlend.workflows.payment.PayoutStatus;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payout activity against the real channel simulators over HTTP, in a system of its own whose
 * channels time out after one second (the shipped five would make every timeout scenario slow):
 * the holes of issue 7, each ending with the channel's own record of the key and the books.
 */
@SystemTest
@TestPropertySource(properties = {
    "swiftlend.payments.channels[0].name=swiftpay",
    "swiftlend.payments.channels[0].base-url=${swiftlend.parties.base-url}/channels/swiftpay",
    "swiftlend.payments.channels[0].read-timeout=1s",
    "swiftlend.payments.channels[1].name=bankwire",
    "swiftlend.payments.channels[1].base-url=${swiftlend.parties.base-url}/channels/bankwire",
    "swiftlend.payments.channels[1].read-timeout=1s"
})
class ChannelPayoutsTest {

    private static final String CARD = "6222020200112233446";
    private static final String FAST = "\"latencyMinMs\":0,\"latencyMaxMs\":0";

    @LocalServerPort
    int port;

    @Autowired
    ChannelPayouts payouts;

    @Autowired
    Disbursement legacy;

    @Autowired
    StaleClaimSweep sweep;

    @Autowired
    LoanApplicationRepository applications;

    @Autowired
    PayoutRepository payoutRows;

    @Autowired
    ChannelBalanceHolds holds;

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    private SystemClient client;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
    }

    @AfterEach
    void booksBalanceAndChannelsRecover() throws Exception {
        client.delete("/simulators/swiftpay/behaviour");
        client.delete("/simulators/bankwire/behaviour");
        SystemClient.Answer trialBalance = client.getAs(client.operatorToken(), "/api/v1/ledger/trial-balance");
        assertThat(trialBalance.status()).isEqualTo(200);
        assertThat(trialBalance.body().get("balanced").asBoolean()).as(trialBalance.body().toString()).isTrue();
    }

    private PayoutOrder order(String channel, String amount, String card) {
        LoanApplication application = applications.saveAndFlush(new LoanApplication(UUID.randomUUID(),
                UUID.randomUUID().toString(), "0".repeat(64),
                new Applicant("Test Borrower", "11010519491231002X", "13800138000", card, "device-payouts",
                        "127.0.0.1"),
                new LoanTerms(new BigDecimal(amount), 30, null), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        String id = application.getId().toString();
        return new PayoutOrder(id, 1, PayoutOrder.idempotencyKey(id, 1), channel, new BigDecimal(amount), card,
                "Test Borrower", "harbor-capital", "CNY");
    }

    private void behave(String channel, String fields) throws Exception {
        assertThat(client.put("/simulators/" + channel + "/behaviour", "{" + fields + "}").status()).isEqualTo(200);
    }

    /** How many payouts the channel itself holds under the key: its own record, not ours. */
    private int paidAtChannel(String channel, String key) throws Exception {
        int count = 0;
        for (JsonNode payout : client.get("/simulators/channels/" + channel + "/payouts").body()) {
            if (payout.get("idempotencyKey").asText().equals(key)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void givenChannelTimesOutAfterPaying_whenSendingThenResolving_itEndsSucceededWithOnePayoutAtTheChannel()
            throws Exception {
        PayoutOrder order = order("swiftpay", "1200", CARD);
        behave("swiftpay", FAST + ",\"failureRate\":0,\"timeoutAfterPayingRate\":1.0,\"stallMs\":2500");

        PayoutAttempt sent = payouts.sendPayout(order);
        client.delete("/simulators/swiftpay/behaviour");
        PayoutAttempt resolved = payouts.resolvePayoutInDoubt(order);

        assertThat(sent.state()).isEqualTo(PayoutState.SENT_UNCONFIRMED);
        assertThat(resolved.state()).isEqualTo(PayoutState.SUCCEEDED);
        assertThat(resolved.channelReference()).isNotBlank();
        assertThat(paidAtChannel("swiftpay", order.idempotencyKey())).isEqualTo(1);
        assertThat(ledger.stateOf(order.idempotencyKey())).isEqualTo("POSTED");
        assertThat(holds.stateOf(order.idempotencyKey())).isEqualTo("CONSUMED");
        // swiftpay: 1.00 + 0.1 % of 1200.
        assertThat(payoutRows.findById(order.idempotencyKey()).orElseThrow().getFee()).isEqualByComparingTo("2.20");
        assertThat(jdbc.queryForList("select kind from audit_record where reference = ? order by sequence",
                String.class, order.idempotencyKey())).containsExactly("PAYOUT_REQUESTED", "PAYOUT_RESULT");
    }

    @Test
    void givenTimeoutThenOutage_whenRetryingAndResolving_itStaysInDoubtAndNeverConcludesNotSent() throws Exception {
        PayoutOrder order = order("swiftpay", "1300", CARD);
        behave("swiftpay", FAST + ",\"failureRate\":0,\"timeoutAfterPayingRate\":1.0,\"stallMs\":2500");
        PayoutAttempt first = payouts.sendPayout(order);
        behave("swiftpay", FAST + ",\"failureRate\":1.0");

        PayoutAttempt retried = payouts.sendPayout(order);
        PayoutAttempt resolveDuringOutage = payouts.resolvePayoutInDoubt(order);
        client.delete("/simulators/swiftpay/behaviour");
        PayoutAttempt resolved = payouts.resolvePayoutInDoubt(order);

        assertThat(first.state()).isEqualTo(PayoutState.SENT_UNCONFIRMED);
        assertThat(retried.state()).isEqualTo(PayoutState.SENT_UNCONFIRMED);
        assertThat(resolveDuringOutage.state()).isEqualTo(PayoutState.SENT_UNCONFIRMED);
        assertThat(resolved.state()).isEqualTo(PayoutState.SUCCEEDED);
        assertThat(paidAtChannel("swiftpay", order.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void givenNotFoundRightAfterATimeout_whenResolving_itResendsTheSameKeyInsteadOfConcludingNotPaid()
            throws Exception {
        PayoutOrder order = order("bankwire", "1400", CARD);
        // Slower than the read timeout: the request is still on its way when we give up on it.
        behave("bankwire", "\"latencyMinMs\":1800,\"latencyMaxMs\":1800,\"failureRate\":0");
        PayoutAttempt sent = payouts.sendPayout(order);
        behave("bankwire", FAST + ",\"failureRate\":0");

        PayoutAttempt resolved = payouts.resolvePayoutInDoubt(order);

        assertThat(sent.state()).isEqualTo(PayoutState.SENT_UNCONFIRMED);
        assertThat(resolved.state()).isEqualTo(PayoutState.SUCCEEDED);
        assertThat(payoutRows.findById(order.idempotencyKey()).orElseThrow().getSendCount()).isEqualTo(2);
        // The first request lands after the resend: the channel answers it from the same key.
        Instant deadline = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(deadline) && paidAtChannel("bankwire", order.idempotencyKey()) == 0) {
            Thread.onSpinWait();
        }
        assertThat(paidAtChannel("bankwire", order.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void givenChannelAnswersPending_whenResolving_itIsPendingAtTheChannelUntilItSucceeds() throws Exception {
        PayoutOrder order = order("bankwire", "1500", CARD);
        behave("bankwire", FAST + ",\"failureRate\":0,\"pendingRate\":1.0,\"pendingSettleMs\":300");

        PayoutAttempt sent = payouts.sendPayout(order);
        PayoutAttempt resolved = sent;
        Instant deadline = Instant.now().plusSeconds(10);
        while (resolved.state() != PayoutState.SUCCEEDED && Instant.now().isBefore(deadline)) {
            resolved = payouts.resolvePayoutInDoubt(order);
            assertThat(resolved.state()).isIn(PayoutState.PENDING_AT_CHANNEL, PayoutState.SUCCEEDED);
        }

        assertThat(sent.state()).isEqualTo(PayoutState.PENDING_AT_CHANNEL);
        assertThat(resolved.state()).isEqualTo(PayoutState.SUCCEEDED);
        assertThat(paidAtChannel("bankwire", order.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void givenOutageOnTheFirstSend_whenSending_itIsProvenNotSentWithHoldReleasedAndPrincipalVoided()
            throws Exception {
        PayoutOrder order = order("swiftpay", "1600", CARD);
        behave("swiftpay", FAST + ",\"failureRate\":1.0");

        PayoutAttempt sent = payouts.sendPayout(order);
        PayoutAttempt again = payouts.sendPayout(order);

        assertThat(sent.state()).isEqualTo(PayoutState.PROVEN_NOT_SENT);
        assertThat(sent.declineReason()).startsWith("CHANNEL_UNAVAILABLE");
        assertThat(again).isEqualTo(sent);
        assertThat(holds.stateOf(order.idempotencyKey())).isEqualTo("RELEASED");
        assertThat(ledger.stateOf(order.idempotencyKey())).isEqualTo("VOIDED");
        assertThat(paidAtChannel("swiftpay", order.idempotencyKey())).isZero();
        // The legacy contract hears the one failure after which it may try another channel.
        assertThatThrownBy(() -> legacy.disburse(order)).isInstanceOfSatisfying(ApplicationFailure.class,
                failure -> assertThat(failure.getType()).isEqualTo(Failures.CHANNEL_UNAVAILABLE.name()));
    }

    @Test
    void givenBlockedCardOrChannelRiskControl_whenSending_onlyTheBlockedCardIsABeneficiaryDecline() throws Exception {
        PayoutOrder blocked = order("swiftpay", "700", "6222020200112230002");
        PayoutOrder risky = order("swiftpay", "800", "6222020200112230003");

        PayoutAttempt blockedAttempt = payouts.sendPayout(blocked);
        PayoutAttempt riskyAttempt = payouts.sendPayout(risky);

        assertThat(blockedAttempt.state()).isEqualTo(PayoutState.DECLINED);
        assertThat(blockedAttempt.declineReason()).isEqualTo("CARD_BLOCKED");
        assertThat(blockedAttempt.beneficiaryDecline()).isTrue();
        assertThat(riskyAttempt.state()).isEqualTo(PayoutState.DECLINED);
        assertThat(riskyAttempt.declineReason()).isEqualTo("RISK_CONTROL");
        assertThat(riskyAttempt.beneficiaryDecline()).isFalse();
        assertThat(ledger.stateOf(blocked.idempotencyKey())).isEqualTo("VOIDED");
        assertThat(holds.stateOf(risky.idempotencyKey())).isEqualTo("RELEASED");
    }

    @Test
    void givenSameKeyForAnotherChannel_whenSending_itFailsWithoutRetryAsAConflict() {
        PayoutOrder order = order("bankwire", "900", CARD);
        assertThat(payouts.sendPayout(order).state()).isEqualTo(PayoutState.SUCCEEDED);

        assertThatThrownBy(() -> payouts.sendPayout(new PayoutOrder(order.applicationId(), 1, order.idempotencyKey(),
                "swiftpay", order.amount(), CARD, "Test Borrower", "harbor-capital", "CNY")))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(Failures.PAYOUT_CONFLICT.name());
                    assertThat(failure.isNonRetryable()).isTrue();
                });
        assertThat(payouts.recordedPayoutAttempts(order.applicationId())).singleElement()
                .satisfies(attempt -> assertThat(attempt.state()).isEqualTo(PayoutState.SUCCEEDED));
    }

    @Test
    void givenLegacyWorkflowAndATimeoutAfterPaying_whenDisbursing_itIsInDoubtThenFoundPaid() throws Exception {
        PayoutOrder order = order("swiftpay", "1100", CARD);
        behave("swiftpay", FAST + ",\"failureRate\":0,\"timeoutAfterPayingRate\":1.0,\"stallMs\":2500");

        assertThatThrownBy(() -> legacy.disburse(order)).isInstanceOfSatisfying(ApplicationFailure.class,
                failure -> assertThat(failure.getType()).isEqualTo(Failures.PAYOUT_IN_DOUBT.name()));
        client.delete("/simulators/swiftpay/behaviour");

        assertThat(legacy.lookUpPayout(order).status()).isEqualTo(PayoutStatus.SUCCEEDED);
        assertThat(paidAtChannel("swiftpay", order.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void givenClaimNeverSent_whenSweeping_onlyTheStaleOneIsProvenNotSentAndItIsNeverSentAfterwards()
            throws Exception {
        PayoutOrder stale = order("bankwire", "600", CARD);
        PayoutOrder fresh = order("bankwire", "650", CARD);
        claimWithoutSending(stale, Instant.now().minus(Duration.ofMinutes(11)));
        claimWithoutSending(fresh, Instant.now());

        sweep.sweep();

        assertThat(payoutRows.findById(stale.idempotencyKey()).orElseThrow().getState())
                .isEqualTo(PayoutState.PROVEN_NOT_SENT);
        assertThat(ledger.stateOf(stale.idempotencyKey())).isEqualTo("VOIDED");
        assertThat(holds.stateOf(stale.idempotencyKey())).isEqualTo("RELEASED");
        assertThat(payouts.sendPayout(stale).state()).isEqualTo(PayoutState.PROVEN_NOT_SENT);
        assertThat(paidAtChannel("bankwire", stale.idempotencyKey())).isZero();
        assertThat(payoutRows.findById(fresh.idempotencyKey()).orElseThrow().getState())
                .isEqualTo(PayoutState.CLAIMED);
        assertThat(payouts.sendPayout(fresh).state()).isEqualTo(PayoutState.SUCCEEDED);
    }

    @Test
    void givenPayoutsInDoubt_whenAnOperatorAsksForTheQueue_itListsThemAndRefusesAnUnknownState() throws Exception {
        PayoutOrder order = order("swiftpay", "1700", CARD);
        behave("swiftpay", FAST + ",\"failureRate\":0,\"timeoutAfterPayingRate\":1.0,\"stallMs\":2500");
        assertThat(payouts.sendPayout(order).state()).isEqualTo(PayoutState.SENT_UNCONFIRMED);
        String operator = client.operatorToken();

        SystemClient.Answer queue = client.getAs(operator, "/api/v1/operations/payouts");
        SystemClient.Answer inDoubt = client.getAs(operator,
                "/api/v1/operations/payouts?state=SENT_UNCONFIRMED,PENDING_AT_CHANNEL");
        SystemClient.Answer unknown = client.getAs(operator, "/api/v1/operations/payouts?state=SENDING");

        assertThat(queue.status()).isEqualTo(200);
        assertThat(keys(queue.body())).contains(order.idempotencyKey());
        assertThat(keys(inDoubt.body())).contains(order.idempotencyKey());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("errors").get(0).get("field").asText()).isEqualTo("state");
        client.delete("/simulators/swiftpay/behaviour");
        assertThat(payouts.resolvePayoutInDoubt(order).state()).isEqualTo(PayoutState.SUCCEEDED);
        assertThat(keys(client.getAs(operator, "/api/v1/operations/payouts").body()))
                .doesNotContain(order.idempotencyKey());
    }

    private static java.util.List<String> keys(JsonNode payouts) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        payouts.forEach(payout -> keys.add(payout.get("idempotencyKey").asText()));
        return keys;
    }

    /** What an activity that died right after its claim leaves behind. */
    private void claimWithoutSending(PayoutOrder order, Instant at) {
        transactions.executeWithoutResult(tx -> {
            payoutRows.saveAndFlush(Payout.claimed(order.idempotencyKey(), UUID.fromString(order.applicationId()),
                    order.attempt(), order.channel(), order.amount(), "CNY", order.funder(), at));
            holds.hold(order.idempotencyKey(), order.channel(), order.amount(), at);
            ledger.holdPrincipal(new PrincipalHold(UUID.fromString(order.applicationId()), order.idempotencyKey(),
                    order.funder(), order.channel(), order.amount(), "CNY"));
        });
    }
}
