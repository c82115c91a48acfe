package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.workflows.channel.ChannelHealthChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Money out through the whole running system: approved loans paid while the simulated channels
 * and funders misbehave as real ones do, each outcome checked against the channel's own book (by
 * idempotency key) and the ledger's trial balance. Swiftpay's read timeout is 1 s here
 * ({@link SystemTest}), so a stall of 2 s after paying is a timeout after the money left.
 */
@SystemTest
class DisbursementFlowTest {

    private static final List<String> PARTIES = List.of("swiftpay", "bankwire", "manual-desk", "harbor-capital",
            "jade-trust");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** The health workflow checks once an hour in the suite ({@link SystemTest}): tests run checks themselves. */
    @Autowired
    ChannelHealthChecks healthChecks;

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() throws Exception {
        client = new SystemClient(port);
        applicants = new Applicants(port);
        ChannelsReady.forPayouts(healthChecks, client);
    }

    @AfterEach
    void theBooksBalanceAndTheSimulatorsAreReset() throws Exception {
        for (String party : PARTIES) {
            client.delete("/simulators/" + party + "/behaviour");
        }
        JsonNode trialBalance = client.get("/api/v1/ledger/trial-balance").body();
        assertThat(trialBalance.get("balanced").asBoolean()).as("trial balance %s", trialBalance).isTrue();
    }

    private String submit(Applicants.Applicant applicant, int amount) throws Exception {
        SystemClient.Answer answer = client.submit(UUID.randomUUID().toString(), applicant.body(amount));
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asText();
    }

    private void behave(String party, String behaviour) throws Exception {
        assertThat(client.put("/simulators/" + party + "/behaviour", behaviour).status()).isEqualTo(200);
    }

    /** What the channel itself says it paid under this key: SUCCEEDED, DECLINED, PENDING, or null. */
    private String channelBook(String channel, String key) throws Exception {
        for (JsonNode payout : client.get("/simulators/channels/" + channel + "/payouts").body()) {
            if (payout.get("idempotencyKey").asText().equals(key)) {
                return payout.get("status").asText();
            }
        }
        return null;
    }

    private List<String> paidAnywhere(String applicationId) throws Exception {
        List<String> paid = new ArrayList<>();
        for (String channel : List.of("swiftpay", "bankwire", "manual-desk")) {
            for (JsonNode payout : client.get("/simulators/channels/" + channel + "/payouts").body()) {
                if (payout.get("idempotencyKey").asText().startsWith(applicationId + ":")
                        && payout.get("status").asText().equals("SUCCEEDED")) {
                    paid.add(channel + ":" + payout.get("idempotencyKey").asText());
                }
            }
        }
        return paid;
    }

    private List<String> payoutRows(String applicationId) {
        return jdbc.queryForList("select channel || ':' || status from payout where application_id = ?::uuid"
                + " order by attempt", String.class, applicationId);
    }

    private JsonNode channel(String name) throws Exception {
        for (JsonNode channel : client.get("/api/v1/channels").body()) {
            if (channel.get("name").asText().equals(name)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + name);
    }

    /** Runs rounds of health checks, as the health workflow would, until the channel is in that state. */
    private void checkUntil(String name, String state, int rounds) throws Exception {
        for (int round = 0; round < rounds; round++) {
            healthChecks.checkChannels();
            if (channel(name).get("state").asText().equals(state)) {
                return;
            }
        }
        throw new AssertionError(name + " not " + state + " after " + rounds + " checks: " + channel(name));
    }

    @Test
    void givenTheChannelPaysThenAnswersTooLate_whenDisbursing_itIsPaidExactlyOnceByThatChannel() throws Exception {
        behave("swiftpay", "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":0,"
                + "\"timeoutAfterPayingRate\":1.0,\"stallMs\":2000}");

        String id = submit(applicants.creditworthy(), 1200);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(status.get("payout").get("channel").asText()).isEqualTo("swiftpay");
        assertThat(paidAnywhere(id)).containsExactly("swiftpay:" + id + ":payout:1");
        assertThat(payoutRows(id)).containsExactly("swiftpay:SUCCEEDED");
    }

    @Test
    void givenATimeoutAfterPayingThenTheChannelGoesDown_whenDisbursing_itStaysInDoubtOnTheSameKeyUntilTheChannelAnswers()
            throws Exception {
        behave("swiftpay", "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":0,"
                + "\"timeoutAfterPayingRate\":1.0,\"stallMs\":2000}");
        String id = submit(applicants.creditworthy(), 1300);
        String key = id + ":payout:1";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (channelBook("swiftpay", key) == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        // The money left; now every call to swiftpay fails (503) before it touches anything.
        behave("swiftpay", "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":1.0}");

        JsonNode inDoubt = awaitOnQueue(key, "SENT_UNCONFIRMED");
        assertThat(inDoubt.get("channel").asText()).isEqualTo("swiftpay");
        assertThat(client.get("/api/v1/applications/" + id).body().get("status").asText()).isEqualTo("DISBURSING");
        client.delete("/simulators/swiftpay/behaviour");
        JsonNode status = client.awaitStep(id, java.util.Set.of("COMPLETED"));

        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(status.get("payout").get("channel").asText()).isEqualTo("swiftpay");
        assertThat(paidAnywhere(id)).containsExactly("swiftpay:" + key);
        assertThat(payoutRows(id)).containsExactly("swiftpay:SUCCEEDED");
    }

    private JsonNode awaitOnQueue(String key, String state) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode queue = null;
        while (Instant.now().isBefore(deadline)) {
            queue = client.get("/api/v1/operations/payouts?state=" + state).body();
            for (JsonNode payout : queue) {
                if (payout.get("idempotencyKey").asText().equals(key)) {
                    return payout;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(key + " never showed " + state + " on the operator queue: " + queue);
    }

    @Test
    void givenTheChannelAnswersPending_whenDisbursing_itPollsTheSameKeyUntilThePayoutSucceeds() throws Exception {
        behave("swiftpay", "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":0,"
                + "\"pendingRate\":1.0,\"pendingSettleMs\":1500}");

        String id = submit(applicants.creditworthy(), 1400);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(channelBook("swiftpay", id + ":payout:1")).isEqualTo("SUCCEEDED");
        assertThat(paidAnywhere(id)).containsExactly("swiftpay:" + id + ":payout:1");
    }

    @Test
    void givenTheChannelDeclinesForItsOwnReasons_whenDisbursing_itFailsOverUnderANewKeyAndVoidsTheFirstEntry()
            throws Exception {
        String id = submit(applicants.creditworthy().withCard(Applicants.cardSwiftpayDeclines()), 1500);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(status.get("payout").get("channel").asText()).isEqualTo("bankwire");
        assertThat(payoutRows(id)).containsExactly("swiftpay:DECLINED", "bankwire:SUCCEEDED");
        assertThat(paidAnywhere(id)).containsExactly("bankwire:" + id + ":payout:2");
        assertThat(jdbc.queryForList("select entry_key || ':' || state from journal_entry where application_id = ?::uuid"
                + " and kind = 'PRINCIPAL' order by id", String.class, id))
                .containsExactly(id + ":payout:1:VOIDED", id + ":payout:2:POSTED");
    }

    @Test
    void givenEveryChannelDown_whenDisbursing_itCompensatesAndPutsTheLoanOnTheOperatorQueue() throws Exception {
        for (String channel : List.of("swiftpay", "bankwire", "manual-desk")) {
            behave(channel, "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":1.0}");
        }
        Applicants.Applicant applicant = applicants.creditworthy();

        String id = submit(applicant, 1600);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSEMENT_FAILED");
        assertThat(status.get("payout").get("note").asText()).isEqualTo("NO_CHANNEL_AVAILABLE");
        assertThat(status.get("funding").get("state").asText()).isEqualTo("RELEASED");
        assertThat(jdbc.queryForList("select funder || ':' || state from funding_reservation"
                + " where application_id = ?::uuid", String.class, id)).containsExactly("harbor-capital:RELEASED");
        assertThat(paidAnywhere(id)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where application_id = ?::uuid"
                + " and state <> 'VOIDED'", Integer.class, id)).isZero();
        assertThat(client.get("/simulators/sms/messages?phone=" + applicant.phone()).body().toString())
                .contains("the transfer failed");
        JsonNode queued = onDisbursementQueue(id);
        assertThat(queued.get("reason").asText()).isEqualTo("NO_CHANNEL_AVAILABLE");
        assertThat(queued.get("fundingState").asText()).isEqualTo("RELEASED");
        assertThat(queued.get("lastPayoutState").asText()).isEqualTo("PROVEN_NOT_SENT");
    }

    private JsonNode onDisbursementQueue(String id) throws Exception {
        for (JsonNode loan : client.get("/api/v1/operations/disbursements").body()) {
            if (loan.get("applicationId").asText().equals(id)) {
                return loan;
            }
        }
        throw new AssertionError(id + " is not on the operators' disbursement queue");
    }

    @Test
    void givenEveryFunderRefuses_whenDisbursing_nothingIsSentAndTheLoanIsOnTheOperatorQueue() throws Exception {
        behave("harbor-capital", "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":0,\"refusalRate\":1.0}");
        behave("jade-trust", "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":0,\"refusalRate\":1.0}");

        String id = submit(applicants.creditworthy(), 1900);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSEMENT_FAILED");
        assertThat(status.get("payout").get("note").asText()).isEqualTo("NO_FUNDER_AVAILABLE");
        assertThat(status.get("funding").get("refusals")).hasSize(2);
        assertThat(payoutRows(id)).isEmpty();
        assertThat(onDisbursementQueue(id).get("attempts").asInt()).isZero();
        SystemClient.Answer bad = client.get("/api/v1/operations/disbursements?status=DISBURSED");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body().get("errors").get(0).get("field").asText()).isEqualTo("status");
    }

    @Test
    void givenADegradedChannel_whenDisbursing_itGetsNoTrafficUntilItHasRecovered() throws Exception {
        // The suite fails channels on purpose elsewhere; their measured success rates start afresh here.
        jdbc.update("update payout set settled_at = settled_at - interval '2 hours'"
                + " where status <> 'SUCCEEDED' and settled_at > now() - interval '1 hour'");
        behave("swiftpay", "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":1.0}");
        checkUntil("swiftpay", "DEGRADED", 1);

        String whileDegraded = submit(applicants.creditworthy(), 1700);
        JsonNode first = client.awaitSettled(whileDegraded);
        client.delete("/simulators/swiftpay/behaviour");
        healthChecks.checkChannels();
        healthChecks.checkChannels();
        assertThat(channel("swiftpay").get("state").asText()).as("two healthy checks are not enough")
                .isEqualTo("DEGRADED");
        checkUntil("swiftpay", "HEALTHY", 1);
        String afterRecovery = submit(applicants.creditworthy(), 1700);
        JsonNode second = client.awaitSettled(afterRecovery);

        assertThat(first.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(payoutRows(whileDegraded)).containsExactly("bankwire:SUCCEEDED");
        assertThat(first.get("routing").get("excluded").toString()).contains("swiftpay").contains("DEGRADED");
        assertThat(second.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(payoutRows(afterRecovery)).containsExactly("swiftpay:SUCCEEDED");
    }

    @Test
    void givenTheCheapestFunderRefuses_whenDisbursing_theNextFunderFundsTheLoan() throws Exception {
        behave("harbor-capital", "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":0,\"refusalRate\":1.0}");

        String id = submit(applicants.creditworthy(), 1800);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(status.get("funding").get("funder").asText()).isEqualTo("jade-trust");
        assertThat(status.get("funding").get("refusals").get(0).get("funder").asText()).isEqualTo("harbor-capital");
        assertThat(jdbc.queryForList("select funder || ':' || state from funding_reservation"
                + " where application_id = ?::uuid order by funder", String.class, id))
                .containsExactly("harbor-capital:RELEASED", "jade-trust:CONSUMED");
    }
}
