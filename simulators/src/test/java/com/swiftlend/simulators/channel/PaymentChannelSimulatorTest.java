package com.swiftlend.simulators.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.simulators.SimulatorHttp;
import com.swiftlend.simulators.SimulatorsApplication;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@SpringBootTest(classes = SimulatorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaymentChannelSimulatorTest {

    @LocalServerPort
    int port;

    RestClient http;
    String key;

    @BeforeEach
    void setUp() {
        http = SimulatorHttp.client(port);
        key = "disb-" + UUID.randomUUID();
    }

    @AfterEach
    void resetBehaviour() {
        http.delete().uri("/simulators/bankwire/behaviour").retrieve().toBodilessEntity();
    }

    @Test
    void givenNewKey_whenPayoutRequested_itAnswers201WithASucceededPayout() {
        ResponseEntity<JsonNode> response = payout("swiftpay", key, payoutBody("5000.00", "6222020200001234"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode payout = response.getBody();
        assertThat(payout.get("payoutId").asText()).matches("SWIFTPAY-[0-9a-f]{16}");
        assertThat(payout.get("idempotencyKey").asText()).isEqualTo(key);
        assertThat(payout.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(payout.get("declineReason").isNull()).isTrue();
        assertThat(payout.get("amount").decimalValue()).isEqualByComparingTo("5000.00");
        assertThat(payout.get("currency").asText()).isEqualTo("CNY");
        assertThat(Instant.parse(payout.get("processedAt").asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void givenSameKeyAndBody_whenPayoutRetried_itAnswers200WithTheSamePayout() {
        ResponseEntity<JsonNode> first = payout("swiftpay", key, payoutBody("5000.00", "6222020200001234"));
        // 5000 and 5000.00 are the same amount: a retry that reformats the number is still a retry.
        ResponseEntity<JsonNode> retry = payout("swiftpay", key, payoutBody("5000", "6222020200001234"));

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retry.getBody().get("payoutId")).isEqualTo(first.getBody().get("payoutId"));
        assertThat(retry.getBody().get("processedAt")).isEqualTo(first.getBody().get("processedAt"));
    }

    @Test
    void givenSameKeyAndDifferentBody_whenPayoutRequested_itAnswers422ProblemJson() {
        payout("swiftpay", key, payoutBody("5000.00", "6222020200001234"));

        ResponseEntity<JsonNode> conflicting = payout("swiftpay", key, payoutBody("9000.00", "6222020200001234"));

        assertThat(conflicting.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(conflicting.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(conflicting.getBody().get("status").asInt()).isEqualTo(422);
        JsonNode stored = http.get().uri("/simulators/channels/swiftpay/payouts/{key}", key)
                .retrieve().body(JsonNode.class);
        assertThat(stored.get("amount").decimalValue()).isEqualByComparingTo("5000.00");
    }

    @Test
    void givenNoIdempotencyKey_whenPayoutRequested_itAnswers400ProblemJson() {
        ResponseEntity<JsonNode> response = http.post().uri("/simulators/channels/swiftpay/payouts")
                .contentType(MediaType.APPLICATION_JSON)
                .body(payoutBody("100.00", "6222020200001234"))
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asText()).contains("Idempotency-Key");
    }

    @Test
    void givenNonPositiveAmount_whenPayoutRequested_itAnswers400AndRecordsNothing() {
        ResponseEntity<JsonNode> response = payout("swiftpay", key, payoutBody("-1", "6222020200001234"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(getPayout("swiftpay", key).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void givenCardEndingIn0002_whenPayoutRequested_itIsDeclinedAsCardBlocked() {
        ResponseEntity<JsonNode> response = payout("bankwire", key, payoutBody("800.00", "6222 0202 0000 0002"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().get("payoutId").asText()).startsWith("BANKWIRE-");
        assertThat(response.getBody().get("status").asText()).isEqualTo("DECLINED");
        assertThat(response.getBody().get("declineReason").asText()).isEqualTo("CARD_BLOCKED");
    }

    @Test
    void givenRecordedPayout_whenFetchedByKey_itReturnsTheStoredPayout() {
        JsonNode created = payout("swiftpay", key, payoutBody("1200.50", "6222020200001234")).getBody();

        ResponseEntity<JsonNode> fetched = getPayout("swiftpay", key);

        assertThat(fetched.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(fetched.getBody()).isEqualTo(created);
    }

    @Test
    void givenUnknownKey_whenFetched_itAnswers404ProblemJson() {
        ResponseEntity<JsonNode> response = getPayout("swiftpay", "never-used-" + UUID.randomUUID());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void givenKeyUsedOnOneChannel_whenFetchedFromTheOther_itIsNotThere() {
        payout("swiftpay", key, payoutBody("100.00", "6222020200001234"));

        assertThat(getPayout("bankwire", key).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void givenPayoutToday_whenStatementFetched_itContainsThePayoutLine() {
        JsonNode created = payout("bankwire", key, payoutBody("321.09", "6222020200001234")).getBody();
        LocalDate day = Instant.parse(created.get("processedAt").asText()).atZone(ZoneOffset.UTC).toLocalDate();

        ResponseEntity<String> statement = http.get().uri("/simulators/channels/bankwire/statements/{date}", day)
                .retrieve().toEntity(String.class);

        assertThat(statement.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(statement.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv")))
                .isTrue();
        String[] lines = statement.getBody().split("\n");
        assertThat(lines[0]).isEqualTo("payout_id,idempotency_key,amount,currency,status,processed_at");
        assertThat(lines).contains(String.join(",", created.get("payoutId").asText(), key, "321.09", "CNY",
                "SUCCEEDED", created.get("processedAt").asText()));
    }

    @Test
    void givenOtherDay_whenStatementFetched_itHasOnlyTheHeader() {
        payout("bankwire", key, payoutBody("321.09", "6222020200001234"));

        String statement = http.get().uri("/simulators/channels/bankwire/statements/2001-01-01")
                .retrieve().body(String.class);

        assertThat(statement).isEqualTo("payout_id,idempotency_key,amount,currency,status,processed_at\n");
    }

    @Test
    void givenUnknownChannel_whenStatementFetched_itAnswers404ProblemJson() {
        ResponseEntity<JsonNode> response = http.get().uri("/simulators/channels/carrier-pigeon/statements/2025-01-01")
                .retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void givenMalformedDate_whenStatementFetched_itAnswers400() {
        ResponseEntity<JsonNode> response = http.get().uri("/simulators/channels/bankwire/statements/yesterday")
                .retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void givenOutage_whenPayoutRequested_nothingIsRecordedAndARetryWithTheSameKeyPaysOnce() {
        http.put().uri("/simulators/bankwire/behaviour")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 1.0))
                .retrieve().toBodilessEntity();

        ResponseEntity<JsonNode> failed = payout("bankwire", key, payoutBody("700.00", "6222020200001234"));
        assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(failed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        http.delete().uri("/simulators/bankwire/behaviour").retrieve().toBodilessEntity();
        assertThat(getPayout("bankwire", key).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> retried = payout("bankwire", key, payoutBody("700.00", "6222020200001234"));
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private ResponseEntity<JsonNode> payout(String channel, String idempotencyKey, Map<String, Object> body) {
        return http.post().uri("/simulators/channels/{channel}/payouts", channel)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> getPayout(String channel, String idempotencyKey) {
        return http.get().uri("/simulators/channels/{channel}/payouts/{key}", channel, idempotencyKey)
                .retrieve().toEntity(JsonNode.class);
    }

    private static Map<String, Object> payoutBody(String amount, String cardNumber) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", new java.math.BigDecimal(amount));
        body.put("currency", "CNY");
        body.put("cardNumber", cardNumber);
        body.put("accountName", "Li Lei");
        body.put("reference", "LOAN-2025-0001");
        return body;
    }
}
