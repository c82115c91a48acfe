package com.swiftlend.simulators.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.simulators.SimulatorHttp;
import com.swiftlend.simulators.SimulatorsApplication;
import java.util.Map;
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
class SimulatorBehaviourTest {

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void setUp() {
        http = SimulatorHttp.client(port);
    }

    @AfterEach
    void resetAll() {
        for (Party party : Party.values()) {
            http.delete().uri("/simulators/{party}/behaviour", party.slug()).retrieve().toBodilessEntity();
        }
    }

    @Test
    void givenFailureRateOne_whenBureauCalled_itAnswers503ProblemJsonUntilReset() {
        ResponseEntity<JsonNode> changed = putBehaviour("bureau", Map.of(
                "latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 1.0));
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getBody().get("failureRate").asDouble()).isEqualTo(1.0);

        ResponseEntity<JsonNode> outage = requestCreditReport();
        assertThat(outage.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(outage.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(outage.getBody().get("type").asText()).isEqualTo("about:blank");
        assertThat(outage.getBody().get("title").asText()).isEqualTo("Service Unavailable");
        assertThat(outage.getBody().get("status").asInt()).isEqualTo(503);
        assertThat(outage.getBody().get("detail").asText()).isEqualTo("simulated outage");

        ResponseEntity<Void> reset = http.delete().uri("/simulators/bureau/behaviour").retrieve().toBodilessEntity();
        assertThat(reset.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(requestCreditReport().getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void givenOutageOnOneParty_whenAnotherPartyCalled_itIsUnaffected() {
        putBehaviour("bureau", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 1.0));

        ResponseEntity<JsonNode> sms = http.post().uri("/simulators/sms/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("phone", "13800000000", "text", "hello"))
                .retrieve().toEntity(JsonNode.class);

        assertThat(sms.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void givenChangedBehaviour_whenDeleted_itReturnsToConfiguredDefault() {
        putBehaviour("anti-fraud", Map.of("latencyMinMs", 5, "latencyMaxMs", 9, "failureRate", 0.5));
        assertThat(getBehaviour("anti-fraud").get("latencyMaxMs").asInt()).isEqualTo(9);

        http.delete().uri("/simulators/anti-fraud/behaviour").retrieve().toBodilessEntity();

        JsonNode configured = getBehaviour("anti-fraud");
        // The test configuration sets anti-fraud to 0..1 ms, distinct from the built-in 20..80 ms.
        assertThat(configured.get("latencyMinMs").asInt()).isZero();
        assertThat(configured.get("latencyMaxMs").asInt()).isEqualTo(1);
        assertThat(configured.get("failureRate").asDouble()).isZero();
    }

    @Test
    void givenLatencyWindow_whenPartyCalled_theCallTakesAtLeastTheMinimum() {
        putBehaviour("sms", Map.of("latencyMinMs", 200, "latencyMaxMs", 200, "failureRate", 0.0));

        long started = System.nanoTime();
        http.post().uri("/simulators/sms/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("phone", "13800000001", "text", "slow"))
                .retrieve().toBodilessEntity();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMs).isGreaterThanOrEqualTo(200);
    }

    @Test
    void givenMinAboveMax_whenBehaviourPut_itAnswers400ProblemJsonAndKeepsTheOldBehaviour() {
        ResponseEntity<JsonNode> response = putBehaviour("swiftpay", Map.of(
                "latencyMinMs", 100, "latencyMaxMs", 10, "failureRate", 0.0));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(getBehaviour("swiftpay").get("latencyMinMs").asInt()).isZero();
    }

    @Test
    void givenFailureRateAboveOne_whenBehaviourPut_itAnswers400() {
        ResponseEntity<JsonNode> response = putBehaviour("bankwire", Map.of(
                "latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 1.5));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("detail").asText()).contains("failureRate");
    }

    @Test
    void givenMissingField_whenBehaviourPut_itAnswers400() {
        ResponseEntity<JsonNode> response = putBehaviour("bureau", Map.of("latencyMinMs", 0, "latencyMaxMs", 0));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void givenEveryFaultKnob_whenBehaviourPut_itIsReportedBack() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("latencyMinMs", 0);
        body.put("latencyMaxMs", 0);
        body.put("failureRate", 0.3);
        body.put("timeoutAfterPayingRate", 0.1);
        body.put("stallMs", 6000);
        body.put("pendingRate", 0.25);
        body.put("pendingSettleMs", 500);
        body.put("refusalRate", 0.5);

        ResponseEntity<JsonNode> changed = putBehaviour("swiftpay", body);

        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode current = getBehaviour("swiftpay");
        assertThat(current.get("timeoutAfterPayingRate").asDouble()).isEqualTo(0.1);
        assertThat(current.get("stallMs").asInt()).isEqualTo(6000);
        assertThat(current.get("pendingRate").asDouble()).isEqualTo(0.25);
        assertThat(current.get("pendingSettleMs").asInt()).isEqualTo(500);
        assertThat(current.get("refusalRate").asDouble()).isEqualTo(0.5);
    }

    @Test
    void givenOnlyTheOriginalFields_whenBehaviourPut_theFaultRatesAreOffAndTheDurationsStayConfigured() {
        putBehaviour("manual-desk", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "pendingSettleMs", 50,
                "failureRate", 0.0, "pendingRate", 1.0));

        putBehaviour("manual-desk", Map.of("latencyMinMs", 1, "latencyMaxMs", 2, "failureRate", 0.0));

        JsonNode current = getBehaviour("manual-desk");
        assertThat(current.get("latencyMaxMs").asInt()).isEqualTo(2);
        assertThat(current.get("timeoutAfterPayingRate").asDouble()).isZero();
        assertThat(current.get("pendingRate").asDouble()).isZero();
        assertThat(current.get("refusalRate").asDouble()).isZero();
        // The built-in defaults: the manual desk settles after 2 s, a stalled answer comes after 10 s.
        assertThat(current.get("pendingSettleMs").asInt()).isEqualTo(2000);
        assertThat(current.get("stallMs").asInt()).isEqualTo(10_000);
    }

    @Test
    void givenFaultKnobOutOfRange_whenBehaviourPut_itAnswers400NamingItAndKeepsTheOldBehaviour() {
        Map<String, Object> bad = Map.of(
                "timeoutAfterPayingRate", -0.1,
                "stallMs", 60_001,
                "pendingRate", 1.5,
                "pendingSettleMs", -1,
                "refusalRate", 2.0);

        bad.forEach((field, value) -> {
            ResponseEntity<JsonNode> response = putBehaviour("jade-trust", Map.of(
                    "latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 0.0, field, value));

            assertThat(response.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().get("detail").asText()).contains(field);
        });
        JsonNode current = getBehaviour("jade-trust");
        assertThat(current.get("refusalRate").asDouble()).isZero();
        assertThat(current.get("pendingRate").asDouble()).isZero();
    }

    @Test
    void givenUnknownParty_whenBehaviourRead_itAnswers404ProblemJson() {
        ResponseEntity<JsonNode> response = http.get().uri("/simulators/tax-office/behaviour")
                .retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private ResponseEntity<JsonNode> putBehaviour(String party, Map<String, Object> body) {
        return http.put().uri("/simulators/{party}/behaviour", party)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private JsonNode getBehaviour(String party) {
        return http.get().uri("/simulators/{party}/behaviour", party).retrieve().body(JsonNode.class);
    }

    private ResponseEntity<JsonNode> requestCreditReport() {
        return http.post().uri("/simulators/bureau/credit-reports")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("idNumber", "110101199001011234", "name", "Li Lei"))
                .retrieve()
                .toEntity(JsonNode.class);
    }
}
