package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.scoring.ShippedModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import com.swiftlend.workflows.channel.ChannelHealthChecks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applications through the whole running system: API, Temporal workflow, activities over HTTP to
 * the simulators, PostgreSQL and Redis, as a borrower and an operator would see them.
 */
@SystemTest
class LoanFlowTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BlindIndex blindIndex;

    private SystemClient client;
    private Applicants applicants;

    @Autowired
    ChannelHealthChecks healthChecks;

    @BeforeEach
    void setUp() throws Exception {
        client = new SystemClient(port);
        applicants = new Applicants(port);
        // Run alone, the start-up health round may have found the simulated channels not yet up.
        ChannelsReady.forPayouts(healthChecks, client);
    }

    @AfterEach
    void restoreSimulators() throws Exception {
        for (String party : List.of("bureau", "anti-fraud", "swiftpay", "bankwire", "sms")) {
            client.delete("/simulators/" + party + "/behaviour");
        }
    }

    private String submit(Applicants.Applicant applicant, int amount) throws Exception {
        SystemClient.Answer answer = client.submit(UUID.randomUUID().toString(), applicant.body(amount));
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    @Test
    void givenCreditworthyApplicant_whenApplying_itIsDisbursedAndEveryStepIsRecorded() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();

        String id = submit(applicant, 3000);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(status.get("riskChecks")).hasSize(5);
        List<String> sources = new ArrayList<>();
        status.get("riskChecks").forEach(check -> {
            sources.add(check.get("source").asText());
            assertThat(check.get("outcome").asText()).isIn("PASS", "WARN");
        });
        assertThat(sources).containsExactlyInAnyOrder("CREDIT_BUREAU", "ANTI_FRAUD", "BLACKLIST", "DEVICE",
                "VELOCITY");
        assertThat(status.get("decision").get("outcome").asText()).isEqualTo("APPROVE");
        assertThat(texts(status.get("decision").get("reasons"))).isNotEmpty();
        // Scored by the shipped model on the applicant's real bureau history: A or B, by its points.
        JsonNode decision = status.get("decision");
        assertThat(decision.get("modelVersion").asText()).isEqualTo(ShippedModel.VERSION);
        assertThat(decision.get("probabilityOfDefault").asDouble()).isBetween(0.0, 0.15);
        assertThat(decision.get("score").asInt()).isBetween(300, 850);
        assertThat(decision.get("scoreBand").asText()).isNotBlank();
        assertThat(jdbc.queryForObject("select score from credit_score where application_id = ?::uuid and champion",
                Integer.class, id)).isEqualTo(decision.get("score").asInt());
        assertThat(status.get("completedAt").isNull()).isFalse();

        // Closed: the database answers, and it kept every revision in order.
        Map<String, Object> row = jdbc.queryForMap(
                "select status, completed_at, decision->>'outcome' as outcome from loan_application where id = ?::uuid",
                id);
        assertThat(row.get("status")).isEqualTo("DISBURSED");
        assertThat(row.get("outcome")).isEqualTo("APPROVE");
        assertThat(row.get("completed_at")).isNotNull();
        assertThat(jdbc.queryForList(
                "select status from application_status_history where application_id = ?::uuid order by revision",
                String.class, id)).containsSubsequence("UNDER_REVIEW", "APPROVED", "DISBURSING", "DISBURSED");
        assertThat(jdbc.queryForObject("select status from payout where idempotency_key = ?", String.class,
                id + ":payout:1")).isEqualTo("SUCCEEDED");
        assertThat(client.get("/simulators/swiftpay/behaviour").status()).isEqualTo(200);
        assertThat(client.get("/simulators/channels/swiftpay/payouts/" + id + ":payout:1").status()).isEqualTo(200);
        assertThat(client.get("/simulators/sms/messages?phone=" + applicant.phone()).body().toString())
                .contains("is approved");
    }

    @Test
    void givenAnApplicantWhoseRealHistoryIsLateRepayments_whenApplying_itIsRejectedAndTheScoreSaysWhy()
            throws Exception {
        Applicants.Applicant applicant = applicants.likelyToDefault();

        JsonNode decision = client.awaitSettled(submit(applicant, 3000)).get("decision");

        assertThat(decision.get("outcome").asText()).isEqualTo("REJECT");
        assertThat(decision.get("probabilityOfDefault").asDouble()).isGreaterThan(0.5);
        assertThat(decision.get("scoreBand").asText()).isEqualTo("E");
        List<String> reasons = texts(decision.get("reasons"));
        // The rules' reason first (a knock-out on the overdue months, or the grade), then the model's.
        assertThat(reasons.get(0)).isIn("DELINQUENCIES", "SCORE_TOO_LOW");
        assertThat(reasons).contains("RECENT_REPAYMENT");
        reasons.forEach(code -> assertThat(decision.get("reasonTexts").get(code).asText()).isNotBlank());
    }

    @Test
    void givenBureauSlowerThanItsTimeout_whenApplying_itDecidesWithoutItAndAnOperatorApproves() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        client.put("/simulators/bureau/behaviour", "{\"latencyMinMs\":1500,\"latencyMaxMs\":1500,\"failureRate\":0}");

        String id = submit(applicant, 2500);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("MANUAL_REVIEW");
        JsonNode bureau = status.get("riskChecks").get(0);
        assertThat(bureau.get("source").asText()).isEqualTo("CREDIT_BUREAU");
        assertThat(bureau.get("outcome").asText()).isEqualTo("UNAVAILABLE");
        assertThat(texts(status.get("decision").get("reasons"))).contains("BUREAU_UNAVAILABLE");
        // Without the bureau's history the model does not score, and says so rather than guessing.
        assertThat(texts(status.get("decision").get("reasons"))).contains("NO_BUREAU_HISTORY");
        assertThat(status.get("decision").get("probabilityOfDefault").isNull()).isTrue();
        assertThat(status.get("decision").get("score").isNull()).isTrue();
        assertThat(status.get("decision").get("reasonTexts").get("NO_BUREAU_HISTORY").asText()).isNotBlank();

        SystemClient.Answer tooDear = client.post("/api/v1/applications/" + id + "/approve",
                "{\"approvedAmount\":800,\"annualRate\":0.36}");
        assertThat(tooDear.status()).isEqualTo(400);
        assertThat(tooDear.body().get("errors").findValuesAsText("field")).containsExactly("annualRate");
        SystemClient.Answer approved = client.post("/api/v1/applications/" + id + "/approve",
                "{\"note\":\"bureau file checked by phone\","
                        + "\"approvedAmount\":800,\"annualRate\":0.20}");
        assertThat(approved.status()).isEqualTo(202);
        JsonNode after = client.awaitStep(id, java.util.Set.of("COMPLETED"));
        assertThat(after.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(after.get("review").get("reviewer").asText()).isEqualTo("staff:operator");
        assertThat(jdbc.queryForObject("select amount from payout where application_id = ?::uuid", BigDecimal.class,
                id)).isEqualByComparingTo("800");
    }

    @Test
    void givenPreferredChannelDown_whenDisbursing_itFailsOverToTheOtherChannel() throws Exception {
        client.put("/simulators/swiftpay/behaviour", "{\"latencyMinMs\":0,\"latencyMaxMs\":0,\"failureRate\":1.0}");

        String id = submit(applicants.creditworthy(), 1800);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(status.get("payout").get("channel").asText()).isEqualTo("bankwire");
        assertThat(status.get("payout").get("attempt").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForList("select channel || ':' || status from payout where application_id = ?::uuid"
                + " order by attempt", String.class, id)).containsExactly("swiftpay:PROVEN_NOT_SENT", "bankwire:SUCCEEDED");
        client.delete("/simulators/swiftpay/behaviour");
        assertThat(client.get("/simulators/channels/swiftpay/payouts/" + id + ":payout:1").status()).isEqualTo(404);
    }

    @Test
    void givenBlockedCard_whenDisbursing_itEndsDisbursementFailedWithoutTryingElsewhere() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy().withCard(Applicants.blockedCard());

        String id = submit(applicant, 1500);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("DISBURSEMENT_FAILED");
        assertThat(status.get("payout").get("note").asText()).isEqualTo("CARD_BLOCKED");
        assertThat(jdbc.queryForObject("select count(*) from payout where application_id = ?::uuid", Integer.class,
                id)).isEqualTo(1);
    }

    @Test
    void givenBlacklistedIdNumber_whenApplying_itIsRejectedForThatReason() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        jdbc.update("insert into blacklist_entry (id_number_index, reason) values (?, 'confirmed fraud')",
                blindIndex.of(BlindIndex.ID_NUMBER, applicant.idNumber()));

        String id = submit(applicant, 2000);
        JsonNode status = client.awaitSettled(id);

        assertThat(status.get("status").asText()).isEqualTo("REJECTED");
        assertThat(texts(status.get("decision").get("reasons"))).contains("BLACKLISTED");
        assertThat(jdbc.queryForObject("select count(*) from payout where application_id = ?::uuid", Integer.class,
                id)).isZero();
    }
}
