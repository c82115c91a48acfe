package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.records.audit.AuditChainVerifier;
import com.swiftlend.records.audit.AuditVerification;
import com.swiftlend.records.channel.ChannelRegistry;
import com.swiftlend.records.channel.ChannelState;
import com.swiftlend.workflows.channel.ChannelHealthChecks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The operators' channel endpoints through real HTTP, with their roles, problems and audit records. */
@SystemTest
class ChannelApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ChannelRegistry registry;

    @Autowired
    ChannelHealthChecks checks;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    private SystemClient client;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
    }

    @AfterEach
    void restoreChannels() {
        for (String channel : List.of("swiftpay", "bankwire", "manual-desk")) {
            registry.force(channel, ChannelState.HEALTHY, null, Instant.now());
        }
    }

    private List<Map<String, Object>> overrides(String channel) {
        return jdbc.queryForList("""
                select reference, application_id, payload->>'operator' as operator, payload->>'state' as state,
                       payload->>'previousState' as previous_state, payload->>'noteDigest' as note_digest,
                       payload::text as payload
                  from audit_record where kind = 'CHANNEL_OVERRIDE' and reference like ? order by sequence""",
                channel + ":%");
    }

    private static JsonNode named(JsonNode channels, String name) {
        for (JsonNode channel : channels) {
            if (channel.get("name").asText().equals(name)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + name + " in " + channels);
    }

    @Test
    void givenAnOperator_whenListingChannels_itShowsEachChannelsStateBalanceAndMeasures() throws Exception {
        checks.checkChannels();

        SystemClient.Answer answer = client.get("/api/v1/channels");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).hasSize(3);
        JsonNode swiftpay = named(answer.body(), "swiftpay");
        assertThat(swiftpay.get("kind").asText()).isEqualTo("INSTANT_EACCOUNT");
        assertThat(swiftpay.get("state").asText()).isEqualTo("HEALTHY");
        assertThat(swiftpay.get("reason").isNull()).isTrue();
        assertThat(swiftpay.get("reportedBalance").decimalValue()).isPositive();
        assertThat(swiftpay.get("availableBalance").decimalValue())
                .isLessThanOrEqualTo(swiftpay.get("reportedBalance").decimalValue());
        assertThat(swiftpay.get("successRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(swiftpay.has("p95LatencyMs")).isTrue();
        assertThat(swiftpay.get("dailyLimit").decimalValue()).isEqualByComparingTo("5000000");
        assertThat(swiftpay.get("dailyUsed").decimalValue()).isNotNegative();
        assertThat(Instant.parse(swiftpay.get("lastCheckedAt").asText())).isAfter(Instant.now().minusSeconds(60));
        assertThat(named(answer.body(), "manual-desk").get("kind").asText()).isEqualTo("MANUAL");
    }

    @Test
    void givenAnOperator_whenDisablingThenEnabling_theChannelIsForcedDownThenUpAndEachOverrideAudited()
            throws Exception {
        int before = overrides("bankwire").size();

        SystemClient.Answer disabled = client.post("/api/v1/channels/bankwire/disable",
                "{\"note\":\"bank reports a settlement outage\"}");

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().get("state").asText()).isEqualTo("DISABLED");
        assertThat(disabled.body().get("reason").asText()).isEqualTo("FORCED_DOWN");
        checks.checkChannels();
        assertThat(named(client.get("/api/v1/channels").body(), "bankwire").get("state").asText())
                .as("a health check never lifts an operator's disable").isEqualTo("DISABLED");

        SystemClient.Answer enabled = client.post("/api/v1/channels/bankwire/enable", "");
        SystemClient.Answer disabledAgain = client.post("/api/v1/channels/bankwire/disable", "{}");

        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.body().get("state").asText()).isEqualTo("HEALTHY");
        assertThat(enabled.body().get("reason").isNull()).isTrue();
        assertThat(disabledAgain.body().get("state").asText()).isEqualTo("DISABLED");
        List<Map<String, Object>> records = overrides("bankwire");
        assertThat(records).hasSize(before + 3);
        List<Map<String, Object>> mine = records.subList(before, before + 3);
        assertThat(mine).extracting(record -> record.get("state")).containsExactly("DISABLED", "HEALTHY", "DISABLED");
        assertThat(mine).extracting(record -> record.get("previous_state"))
                .containsExactly("HEALTHY", "DISABLED", "HEALTHY");
        assertThat(mine).allSatisfy(record -> {
            assertThat(record.get("operator")).isEqualTo("staff:operator");
            assertThat(record.get("application_id")).isNull();
        });
        assertThat((String) mine.get(0).get("note_digest")).hasSize(64);
        assertThat((String) mine.get(0).get("payload")).doesNotContain("settlement outage");
        assertThat(mine.get(1).get("note_digest")).isNull();
        AuditVerification verification = new AuditChainVerifier(dataSource).verify();
        assertThat(verification.intact()).as(verification.toString()).isTrue();
    }

    @Test
    void givenAnOperatorNameInTheBody_whenDisabling_itIsRefusedAndTheTokensNameIsNeverTakenFromIt()
            throws Exception {
        int before = overrides("swiftpay").size();

        SystemClient.Answer answer = client.post("/api/v1/channels/swiftpay/disable", "{\"operator\":\"someone-else\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("operator");
        assertThat(registry.find("swiftpay", Instant.now()).orElseThrow().state()).isEqualTo(ChannelState.HEALTHY);
        assertThat(overrides("swiftpay")).hasSize(before);
    }

    @Test
    void givenANoteTooLongOrNotText_whenDisabling_itAnswers400NamingTheNoteAndChangesNothing() throws Exception {
        int before = overrides("swiftpay").size();

        SystemClient.Answer tooLong = client.post("/api/v1/channels/swiftpay/disable",
                "{\"note\":\"" + "x".repeat(501) + "\"}");
        SystemClient.Answer notText = client.post("/api/v1/channels/swiftpay/disable", "{\"note\":{\"text\":1}}");
        SystemClient.Answer notAnObject = client.post("/api/v1/channels/swiftpay/enable", "[\"note\"]");

        for (SystemClient.Answer answer : List.of(tooLong, notText)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("note");
        }
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.body().get("errors").get(0).get("field").asText()).isEqualTo("body");
        assertThat(registry.find("swiftpay", Instant.now()).orElseThrow().state()).isEqualTo(ChannelState.HEALTHY);
        assertThat(overrides("swiftpay")).hasSize(before);
    }

    @Test
    void givenAnUnknownChannel_whenDisabling_itAnswers404Problem() throws Exception {
        SystemClient.Answer answer = client.post("/api/v1/channels/no-such-channel/disable", "");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).contains("no-such-channel");
        assertThat(overrides("no-such-channel")).isEmpty();
    }

    @Test
    void givenNoTokenOrABorrowersToken_whenCallingChannelEndpoints_itAnswers401Or403Problem() throws Exception {
        String borrower = client.borrowerToken(new Applicants(port).any().phone());

        SystemClient.Answer anonymous = client.getAs(null, "/api/v1/channels");
        SystemClient.Answer anonymousDisable = client.postAs(null, "/api/v1/channels/swiftpay/disable", "");
        SystemClient.Answer borrowerList = client.getAs(borrower, "/api/v1/channels");
        SystemClient.Answer borrowerEnable = client.postAs(borrower, "/api/v1/channels/swiftpay/enable", "");
        SystemClient.Answer editor = client.postAs(client.staffToken("editor"), "/api/v1/channels/swiftpay/disable", "");

        assertThat(List.of(anonymous, anonymousDisable)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(List.of(borrowerList, borrowerEnable, editor)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(registry.find("swiftpay", Instant.now()).orElseThrow().state()).isEqualTo(ChannelState.HEALTHY);
    }
}
