package com.swiftlend.simulators.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.simulators.SimulatorHttp;
import com.swiftlend.simulators.SimulatorsApplication;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/** The failures a payout path must survive: outages, stalls after paying, PENDING, declines, low balance. */
@SpringBootTest(classes = SimulatorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChannelFailureModesTest {

    private static final List<String> CHANNELS = List.of("swiftpay", "bankwire", "manual-desk");
    private static final String DEFAULT_BALANCE = "10000000.00";
    private static final String GOOD_CARD = "6222020200001234";

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
    void resetChannels() {
        for (String channel : CHANNELS) {
            http.delete().uri("/simulators/{channel}/behaviour", channel).retrieve().toBodilessEntity();
            putBalance(channel, Map.of("available", new BigDecimal(DEFAULT_BALANCE)));
        }
    }

    @Test
    void givenEveryChannel_whenHealthChecked_itAnswersUp() {
        for (String channel : CHANNELS) {
            ResponseEntity<JsonNode> health = http.get().uri("/simulators/channels/{channel}/health", channel)
                    .retrieve().toEntity(JsonNode.class);

            assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(health.getBody().get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void givenOutage_whenHealthChecked_itAnswers503ProblemJson() {
        putBehaviour("bankwire", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 1.0));

        ResponseEntity<JsonNode> health = http.get().uri("/simulators/channels/bankwire/health")
                .retrieve().toEntity(JsonNode.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(health.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(http.get().uri("/simulators/channels/swiftpay/health").retrieve().toEntity(JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void givenUnknownChannel_whenHealthOrBalanceOrPayoutsAsked_itAnswers404ProblemJson() {
        for (String path : List.of("health", "balance", "payouts")) {
            ResponseEntity<JsonNode> response = http.get().uri("/simulators/channels/carrier-pigeon/" + path)
                    .retrieve().toEntity(JsonNode.class);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void givenUntouchedChannel_whenBalanceAsked_itReportsTheConfiguredDefaultInCny() {
        JsonNode balance = balance("manual-desk");

        assertThat(balance.get("currency").asText()).isEqualTo("CNY");
        assertThat(balance.get("available").decimalValue()).isEqualByComparingTo(DEFAULT_BALANCE);
    }

    @Test
    void givenSucceededPayout_whenBalanceAsked_itIsDebitedOnceEvenAfterAReplay() {
        putBalance("swiftpay", Map.of("available", new BigDecimal("1000.00")));

        payout("swiftpay", key, payoutBody("250.50", GOOD_CARD));
        ResponseEntity<JsonNode> replay = payout("swiftpay", key, payoutBody("250.50", GOOD_CARD));

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(balance("swiftpay").get("available").decimalValue()).isEqualByComparingTo("749.50");
    }

    @Test
    void givenPayoutAboveBalance_whenRequested_itIsDeclinedInsufficientBalanceAndTakesNothing() {
        putBalance("bankwire", Map.of("available", new BigDecimal("100.00")));

        ResponseEntity<JsonNode> response = payout("bankwire", key, payoutBody("100.01", GOOD_CARD));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().get("status").asText()).isEqualTo("DECLINED");
        assertThat(response.getBody().get("declineReason").asText()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(balance("bankwire").get("available").decimalValue()).isEqualByComparingTo("100.00");
        // Exactly the balance is still payable.
        JsonNode exact = payout("bankwire", "disb-" + UUID.randomUUID(), payoutBody("100.00", GOOD_CARD)).getBody();
        assertThat(exact.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(balance("bankwire").get("available").decimalValue()).isEqualByComparingTo("0.00");
    }

    @Test
    void givenDeclinedCardOrOutage_whenPayoutRequested_theBalanceIsUnchanged() {
        putBalance("swiftpay", Map.of("available", new BigDecimal("500.00")));

        payout("swiftpay", key, payoutBody("10.00", "6222020200000002"));
        payout("swiftpay", "disb-" + UUID.randomUUID(), payoutBody("10.00", "6222020200000003"));
        putBehaviour("swiftpay", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 1.0));
        assertThat(payout("swiftpay", "disb-" + UUID.randomUUID(), payoutBody("10.00", GOOD_CARD)).getStatusCode())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        http.delete().uri("/simulators/swiftpay/behaviour").retrieve().toBodilessEntity();

        assertThat(balance("swiftpay").get("available").decimalValue()).isEqualByComparingTo("500.00");
    }

    @Test
    void givenTwentyConcurrentFirstAttemptsWithOneKey_whenSent_oneAmountIsDebited() throws Exception {
        putBalance("bankwire", Map.of("available", new BigDecimal("1000.00")));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ResponseEntity<JsonNode>>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return payout("bankwire", key, payoutBody("300.00", GOOD_CARD));
                }));
            }
            start.countDown();
            Map<HttpStatus, Integer> statuses = new HashMap<>();
            for (Future<ResponseEntity<JsonNode>> attempt : attempts) {
                statuses.merge(HttpStatus.valueOf(attempt.get().getStatusCode().value()), 1, Integer::sum);
            }

            assertThat(statuses).containsEntry(HttpStatus.CREATED, 1).containsEntry(HttpStatus.OK, 19);
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance("bankwire").get("available").decimalValue()).isEqualByComparingTo("700.00");
    }

    @Test
    void givenNewBalance_whenPut_itIsReportedAndUsed() {
        ResponseEntity<JsonNode> put = putBalance("manual-desk", Map.of("available", new BigDecimal("42.00")));

        assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put.getBody().get("available").decimalValue()).isEqualByComparingTo("42.00");
        assertThat(balance("manual-desk").get("available").decimalValue()).isEqualByComparingTo("42.00");
        assertThat(payout("manual-desk", key, payoutBody("42.01", GOOD_CARD)).getBody().get("declineReason").asText())
                .isEqualTo("INSUFFICIENT_BALANCE");
    }

    @Test
    void givenBadBalance_whenPut_itAnswers400NamingTheFieldAndKeepsTheBalance() {
        putBalance("swiftpay", Map.of("available", new BigDecimal("900.00")));
        List<Map<String, Object>> bad = List.of(
                Map.of("available", -1),
                Map.of("available", new BigDecimal("1.001")),
                Map.of("other", 5));

        for (Map<String, Object> body : bad) {
            ResponseEntity<JsonNode> response = putBalance("swiftpay", body);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().get("detail").asText()).contains("available");
        }
        ResponseEntity<JsonNode> malformed = http.put().uri("/simulators/channels/swiftpay/balance")
                .contentType(MediaType.APPLICATION_JSON).body("{\"available\": \"lots\"}")
                .retrieve().toEntity(JsonNode.class);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(balance("swiftpay").get("available").decimalValue()).isEqualByComparingTo("900.00");
    }

    @Test
    void givenCardEnding0003_whenPaidOnEachChannel_onlySwiftpayDeclinesItAsRiskControl() {
        JsonNode swiftpay = payout("swiftpay", key, payoutBody("80.00", "6222 0202 0000 0003")).getBody();
        JsonNode bankwire = payout("bankwire", key, payoutBody("80.00", "6222 0202 0000 0003")).getBody();
        JsonNode manual = payout("manual-desk", key, payoutBody("80.00", "6222 0202 0000 0003")).getBody();

        assertThat(swiftpay.get("status").asText()).isEqualTo("DECLINED");
        assertThat(swiftpay.get("declineReason").asText()).isEqualTo("RISK_CONTROL");
        assertThat(bankwire.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(manual.get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void givenCardEnding0002_whenPaidOnTheManualDesk_itIsDeclinedAtOnceNotPending() {
        JsonNode manual = payout("manual-desk", key, payoutBody("80.00", "6222020200000002")).getBody();

        assertThat(manual.get("status").asText()).isEqualTo("DECLINED");
        assertThat(manual.get("declineReason").asText()).isEqualTo("CARD_BLOCKED");
    }

    @Test
    void givenManualDesk_whenPayoutRequested_itIsPendingAndThenSucceededAfterTheSettleTime() {
        putBehaviour("manual-desk", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 0.0,
                "pendingSettleMs", 300));

        ResponseEntity<JsonNode> created = payout("manual-desk", key, payoutBody("2500.00", GOOD_CARD));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("status").asText()).isEqualTo("PENDING");
        assertThat(created.getBody().get("payoutId").asText()).startsWith("MANUAL_DESK-");
        // Debited on acceptance: a PENDING payout can only end SUCCEEDED.
        assertThat(balance("manual-desk").get("available").decimalValue())
                .isEqualByComparingTo(new BigDecimal(DEFAULT_BALANCE).subtract(new BigDecimal("2500.00")));

        JsonNode settled = pollUntilSucceeded("manual-desk", key, Duration.ofSeconds(10));
        Instant acceptedAt = Instant.parse(created.getBody().get("processedAt").asText());
        assertThat(Duration.between(acceptedAt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(settled.get("payoutId")).isEqualTo(created.getBody().get("payoutId"));
        assertThat(settled.get("declineReason").isNull()).isTrue();
        ResponseEntity<JsonNode> resend = payout("manual-desk", key, payoutBody("2500.00", GOOD_CARD));
        assertThat(resend.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resend.getBody().get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void givenPendingRateOneAndADaysSettleTime_whenLookedUpAndResent_itStaysPending() {
        putBehaviour("bankwire", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 0.0,
                "pendingRate", 1.0, "pendingSettleMs", 86_400_000));

        JsonNode created = payout("bankwire", key, payoutBody("60.00", GOOD_CARD)).getBody();
        http.delete().uri("/simulators/bankwire/behaviour").retrieve().toBodilessEntity();

        assertThat(created.get("status").asText()).isEqualTo("PENDING");
        assertThat(getPayout("bankwire", key).getBody().get("status").asText()).isEqualTo("PENDING");
        ResponseEntity<JsonNode> resend = payout("bankwire", key, payoutBody("60.00", GOOD_CARD));
        assertThat(resend.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resend.getBody()).isEqualTo(created);
    }

    @Test
    void givenPendingRateOneAndZeroSettleTime_whenLookedUp_itHasSucceeded() {
        putBehaviour("swiftpay", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 0.0,
                "pendingRate", 1.0, "pendingSettleMs", 0));

        JsonNode created = payout("swiftpay", key, payoutBody("60.00", GOOD_CARD)).getBody();

        assertThat(created.get("status").asText()).isEqualTo("PENDING");
        assertThat(getPayout("swiftpay", key).getBody().get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void givenTimeoutAfterPaying_whenTheClientsReadTimeoutFires_thePayoutIsAlreadyRecordedSucceeded() {
        putBehaviour("swiftpay", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 0.0,
                "timeoutAfterPayingRate", 1.0, "stallMs", 1500));
        RestClient impatient = SimulatorHttp.client(port, Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.post().uri("/simulators/channels/swiftpay/payouts")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(payoutBody("1800.00", GOOD_CARD))
                .retrieve().toEntity(JsonNode.class))
                .isInstanceOf(ResourceAccessException.class);

        ResponseEntity<JsonNode> lookup = getPayout("swiftpay", key);
        assertThat(lookup.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(lookup.getBody().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(balance("swiftpay").get("available").decimalValue())
                .isEqualByComparingTo(new BigDecimal(DEFAULT_BALANCE).subtract(new BigDecimal("1800.00")));
        http.delete().uri("/simulators/swiftpay/behaviour").retrieve().toBodilessEntity();
        ResponseEntity<JsonNode> resend = payout("swiftpay", key, payoutBody("1800.00", GOOD_CARD));
        assertThat(resend.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resend.getBody().get("payoutId")).isEqualTo(lookup.getBody().get("payoutId"));
    }

    @Test
    void givenTimeoutAfterPaying_whenTheClientWaitsLongEnough_itGetsTheAnswerLate() {
        putBehaviour("bankwire", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 0.0,
                "timeoutAfterPayingRate", 1.0, "stallMs", 300));

        long started = System.nanoTime();
        ResponseEntity<JsonNode> response = payout("bankwire", key, payoutBody("20.00", GOOD_CARD));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void givenPayouts_whenChannelListed_itHoldsEachOnceWithItsCurrentStatus() {
        String declinedKey = "disb-" + UUID.randomUUID();
        payout("manual-desk", key, payoutBody("15.00", GOOD_CARD));
        payout("manual-desk", key, payoutBody("15.00", GOOD_CARD));
        payout("manual-desk", declinedKey, payoutBody("15.00", "6222020200000002"));

        ResponseEntity<JsonNode> listed = http.get().uri("/simulators/channels/manual-desk/payouts")
                .retrieve().toEntity(JsonNode.class);

        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(listed.getBody().isArray()).isTrue();
        Map<String, String> statusByKey = new HashMap<>();
        int mine = 0;
        for (JsonNode payout : listed.getBody()) {
            String payoutKey = payout.get("idempotencyKey").asText();
            if (payoutKey.equals(key) || payoutKey.equals(declinedKey)) {
                mine++;
                statusByKey.put(payoutKey, payout.get("status").asText());
            }
        }
        assertThat(mine).isEqualTo(2);
        assertThat(statusByKey).containsEntry(key, "PENDING").containsEntry(declinedKey, "DECLINED");
        assertThat(http.get().uri("/simulators/channels/swiftpay/payouts").retrieve().body(String.class))
                .doesNotContain(key);
    }

    private JsonNode pollUntilSucceeded(String channel, String idempotencyKey, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        JsonNode payout = getPayout(channel, idempotencyKey).getBody();
        while (!payout.get("status").asText().equals("SUCCEEDED") && Instant.now().isBefore(deadline)) {
            payout = getPayout(channel, idempotencyKey).getBody();
        }
        assertThat(payout.get("status").asText()).as("status before the deadline").isEqualTo("SUCCEEDED");
        return payout;
    }

    private void putBehaviour(String party, Map<String, Object> body) {
        ResponseEntity<JsonNode> response = http.put().uri("/simulators/{party}/behaviour", party)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> putBalance(String channel, Map<String, Object> body) {
        return http.put().uri("/simulators/channels/{channel}/balance", channel)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
    }

    private JsonNode balance(String channel) {
        return http.get().uri("/simulators/channels/{channel}/balance", channel).retrieve().body(JsonNode.class);
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
        body.put("amount", new BigDecimal(amount));
        body.put("currency", "CNY");
        body.put("cardNumber", cardNumber);
        body.put("accountName", "Li Lei");
        body.put("reference", "LOAN-2025-0001");
        return body;
    }
}
