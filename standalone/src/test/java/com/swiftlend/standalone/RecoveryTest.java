package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.api.application.UnfinishedApplications;
import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.records.application.PublishedStatuses;
import com.swiftlend.records.ledger.Ledger;
import com.swiftlend.records.ledger.PrincipalHold;
import com.swiftlend.records.payout.ChannelBalanceHolds;
import com.swiftlend.records.payout.Payout;
import com.swiftlend.records.payout.PayoutRepository;
import com.swiftlend.workflows.application.Applicant;
import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.application.ApplicationStatus;
import com.swiftlend.workflows.application.ApplicationStep;
import com.swiftlend.workflows.application.LoanTerms;
import com.swiftlend.workflows.application.PayoutView;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.decision.DecisionOutcome;
import com.swiftlend.workflows.funding.Funding;
import com.swiftlend.workflows.funding.FundingRequest;
import com.swiftlend.workflows.payment.PayoutOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a restart of the embedded defaults finds: applications in the database whose workflows
 * the embedded Temporal service forgot. Each state a crash can leave behind is written here as
 * the previous run would have left it, then the start-up recovery runs.
 */
@SystemTest
class RecoveryTest {

    @LocalServerPort
    int port;

    @Autowired
    LoanApplicationRepository applications;

    @Autowired
    PublishedStatuses published;

    @Autowired
    PayoutRepository payouts;

    @Autowired
    UnfinishedApplications recovery;

    @Autowired
    Ledger ledger;

    @Autowired
    ChannelBalanceHolds holds;

    @Autowired
    Funding funding;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    private LoanApplication stored(Applicants.Applicant applicant, BigDecimal amount) {
        Applicant who = new Applicant("Test Borrower", applicant.idNumber(), applicant.phone(), applicant.bankCard(),
                applicant.deviceId(), "127.0.0.1");
        return applications.saveAndFlush(new LoanApplication(UUID.randomUUID(), UUID.randomUUID().toString(),
                "0".repeat(64), who, new LoanTerms(amount, 30, "rent"),
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS)));
    }

    @Test
    void givenApplicationStoredButNeverStarted_whenRecovering_itRunsToAFinalState() throws Exception {
        LoanApplication application = stored(applicants.creditworthy(), new BigDecimal("2000"));

        List<UUID> resumed = recovery.resume();
        JsonNode status = client.awaitSettled(application.getId().toString());

        assertThat(resumed).contains(application.getId());
        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(recovery.resume()).doesNotContain(application.getId());
    }

    @Test
    void givenCrashAfterTheChannelPaid_whenRecovering_itCompletesWithoutPayingAgain() throws Exception {
        LoanApplication application = stored(applicants.creditworthy(), new BigDecimal("2600"));
        String id = application.getId().toString();
        String key = PayoutOrder.idempotencyKey(id, 1);
        Instant decided = Instant.now().minusSeconds(50).truncatedTo(ChronoUnit.MILLIS);
        Decision approve = new Decision(DecisionOutcome.APPROVE, List.of("LOW_RISK"), new BigDecimal("2600"),
                new BigDecimal("0.12"), "1.0.0", "credit-risk-placeholder-1", 0.03);
        published.record(new ApplicationStatus(id, ApplicationState.DISBURSING, ApplicationStep.DISBURSING, 6,
                List.of(), approve, new PayoutView(1, "swiftpay", null, null, null), null, decided, decided,
                decided, null, null, null, null));
        // What the earlier run wrote before it crashed: the row settled and its books with it.
        transactions.executeWithoutResult(tx -> {
            Payout paid = Payout.claimed(key, application.getId(), 1, "swiftpay", new BigDecimal("2600"), "CNY", null,
                    decided);
            paid.markSent(decided);
            paid.succeeded("SWIFTPAY-earlier-run", new BigDecimal("3.60"), decided);
            payouts.saveAndFlush(paid);
            ledger.holdPrincipal(new PrincipalHold(application.getId(), key, null, "swiftpay", new BigDecimal("2600"),
                    "CNY"));
            ledger.postPayout(key, new BigDecimal("3.60"));
        });

        List<UUID> resumed = recovery.resume();
        JsonNode status = client.awaitSettled(id);

        assertThat(resumed).contains(application.getId());
        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(status.get("payout").get("channelReference").asText()).isEqualTo("SWIFTPAY-earlier-run");
        // The channel never saw this key: the payout row proved it had been paid.
        assertThat(client.get("/simulators/channels/swiftpay/payouts/" + key).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from payout where application_id = ?::uuid", Integer.class,
                id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from application_status_history where application_id = ?::uuid"
                + " and status = 'DISBURSED'", Integer.class, id)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void givenCrashWhileAPayoutWasInDoubt_whenRecovering_theSameChannelSettlesTheSameKeyAndNothingIsPaidElsewhere()
            throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        LoanApplication application = stored(applicant, new BigDecimal("2700"));
        String id = application.getId().toString();
        String key = PayoutOrder.idempotencyKey(id, 1);
        Instant decided = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
        Decision approve = new Decision(DecisionOutcome.APPROVE, List.of("LOW_RISK"), new BigDecimal("2700"),
                new BigDecimal("0.12"), "1.0.0", "credit-risk-placeholder-1", 0.03);
        published.record(new ApplicationStatus(id, ApplicationState.DISBURSING, ApplicationStep.DISBURSING, 6,
                List.of(), approve, null, null, decided, decided, decided, null, null, null, null));
        // The earlier run reserved its funder's quota, marked the payout sent and crashed before
        // the answer came back...
        assertThat(funding.reserveQuota(new FundingRequest(id, new BigDecimal("2700"), 30,
                applicant.idNumber().substring(0, 2), null), "harbor-capital").reserved()).isTrue();
        transactions.executeWithoutResult(tx -> {
            Payout sent = Payout.claimed(key, application.getId(), 1, "swiftpay", new BigDecimal("2700"), "CNY",
                    "harbor-capital", decided);
            sent.markSent(decided);
            payouts.saveAndFlush(sent);
            holds.hold(key, "swiftpay", new BigDecimal("2700"), decided);
            ledger.holdPrincipal(new PrincipalHold(application.getId(), key, "harbor-capital", "swiftpay",
                    new BigDecimal("2700"), "CNY"));
        });
        // ...and the request had reached the channel, which paid it.
        assertThat(client.postIdempotently("/simulators/channels/swiftpay/payouts", key, "{\"amount\":2700,\"currency\":\"CNY\","
                + "\"cardNumber\":\"" + applicant.bankCard() + "\",\"accountName\":\"Test Borrower\","
                + "\"reference\":\"" + id + "\"}").status()).isEqualTo(201);

        recovery.resume();
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(status.get("payout").get("channel").asText()).isEqualTo("swiftpay");
        assertThat(status.get("payout").get("attempt").asInt()).isEqualTo(1);
        assertThat(status.get("funding").get("state").asText()).isEqualTo("CONSUMED");
        assertThat(jdbc.queryForList("select channel || ':' || status from payout where application_id = ?::uuid",
                String.class, id)).containsExactly("swiftpay:SUCCEEDED");
        assertThat(client.get("/simulators/channels/bankwire/payouts/" + id + ":payout:2").status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select state from journal_entry where entry_key = ?", String.class, key))
                .isEqualTo("POSTED");
        assertThat(client.get("/api/v1/ledger/trial-balance").body().get("balanced").asBoolean()).isTrue();
    }

    @Test
    void givenAFallbackReviewWithoutTerms_whenAnOperatorApproves_itNeedsTermsAndPaysTheOperatorsAmount()
            throws Exception {
        LoanApplication application = stored(applicants.creditworthy(), new BigDecimal("3000"));
        String id = application.getId().toString();
        Instant decided = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        // What the workflow decides when the model could not score: a review, with no terms at all.
        Decision unscored = new Decision(DecisionOutcome.MANUAL_REVIEW, List.of("SCORING_UNAVAILABLE"), null, null,
                null, null, null);
        published.record(new ApplicationStatus(id, ApplicationState.MANUAL_REVIEW, ApplicationStep.AWAITING_REVIEW, 4,
                List.of(), unscored, null, null, decided, decided, decided, decided.plus(24, ChronoUnit.HOURS), null,
                null, null));
        recovery.resume();
        client.awaitStep(id, java.util.Set.of("AWAITING_REVIEW"));

        SystemClient.Answer termless = client.post("/api/v1/applications/" + id + "/approve",
                "{\"note\":\"income verified\"}");
        SystemClient.Answer priced = client.post("/api/v1/applications/" + id + "/approve",
                "{\"note\":\"income verified\",\"approvedAmount\":1800,\"annualRate\":0.2}");
        JsonNode status = client.awaitStep(id, java.util.Set.of("COMPLETED"));

        assertThat(termless.status()).isEqualTo(422);
        assertThat(termless.contentType()).startsWith("application/problem+json");
        assertThat(termless.body().get("detail").asText()).contains("approvedAmount and annualRate");
        assertThat(priced.status()).isEqualTo(202);
        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(jdbc.queryForObject("select amount from payout where application_id = ?::uuid", BigDecimal.class,
                id)).isEqualByComparingTo("1800");
    }

    @Test
    void givenApplicationWaitingForReview_whenRecovering_itWaitsAgainUntilTheSameDeadline() throws Exception {
        LoanApplication application = stored(applicants.any(), new BigDecimal("1200"));
        String id = application.getId().toString();
        Instant decided = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        Instant deadline = decided.plus(24, ChronoUnit.HOURS);
        Decision review = new Decision(DecisionOutcome.MANUAL_REVIEW, List.of("SCORE_BORDERLINE"),
                new BigDecimal("1200"), new BigDecimal("0.24"), "1.0.0", "credit-risk-placeholder-1", 0.2);
        published.record(new ApplicationStatus(id, ApplicationState.MANUAL_REVIEW, ApplicationStep.AWAITING_REVIEW, 4,
                List.of(), review, null, null, decided, decided, decided, deadline, null, null, null));

        recovery.resume();
        client.awaitStep(id, java.util.Set.of("AWAITING_REVIEW"));
        SystemClient.Answer rejected = client.post("/api/v1/applications/" + id + "/reject",
                "{\"note\":\"income not verifiable\"}");
        JsonNode status = client.awaitStep(id, java.util.Set.of("COMPLETED"));

        assertThat(rejected.status()).isEqualTo(202);
        assertThat(status.get("status").asText()).isEqualTo("REJECTED");
        assertThat(status.get("reviewDeadline").asText()).isEqualTo(deadline.toString());
        assertThat(status.get("review").get("reviewer").asText()).isEqualTo("staff:operator");
    }
}
