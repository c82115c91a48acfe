package com.swiftlend.simulators.funder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.simulators.SimulatorHttp;
import com.swiftlend.simulators.SimulatorsApplication;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
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
class FunderSimulatorTest {

    @LocalServerPort
    int port;

    RestClient http;
    String applicationId;

    @BeforeEach
    void setUp() {
        http = SimulatorHttp.client(port);
        applicationId = UUID.randomUUID().toString();
    }

    @AfterEach
    void resetBehaviour() {
        for (String funder : List.of("harbor-capital", "jade-trust")) {
            http.delete().uri("/simulators/{funder}/behaviour", funder).retrieve().toBodilessEntity();
        }
    }

    @Test
    void givenNewApplication_whenFundingRequested_itAnswers201Approved() {
        ResponseEntity<JsonNode> response = request("harbor-capital", loanBody(applicationId, "8000.00", "11"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode answer = response.getBody();
        assertThat(answer.get("applicationId").asText()).isEqualTo(applicationId);
        assertThat(answer.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(answer.get("reason").isNull()).isTrue();
        assertThat(answer.get("reference").asText()).matches("HARBOR_CAPITAL-[0-9a-f]{16}");
    }

    @Test
    void givenAnsweredApplication_whenAskedAgainAfterRefusalsWereSwitchedOn_itGetsTheSameApproval() {
        JsonNode first = request("jade-trust", loanBody(applicationId, "8000.00", "11")).getBody();
        putBehaviour("jade-trust", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 0.0,
                "refusalRate", 1.0));

        // 8000 and 8000.00 are the same amount: a retry that reformats the number is still a retry.
        ResponseEntity<JsonNode> retry = request("jade-trust", loanBody(applicationId, "8000", "11"));

        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retry.getBody()).isEqualTo(first);
        assertThat(retry.getBody().get("decision").asText()).isEqualTo("APPROVED");
    }

    @Test
    void givenRefusalRateOne_whenFundingRequested_itIsRefusedAndStaysRefusedAfterReset() {
        putBehaviour("harbor-capital", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 0.0,
                "refusalRate", 1.0));

        JsonNode refused = request("harbor-capital", loanBody(applicationId, "3000.00", "44")).getBody();
        http.delete().uri("/simulators/harbor-capital/behaviour").retrieve().toBodilessEntity();

        assertThat(refused.get("decision").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("reason").asText()).isEqualTo("RISK_POLICY");
        assertThat(request("harbor-capital", loanBody(applicationId, "3000.00", "44")).getBody()).isEqualTo(refused);
        assertThat(request("jade-trust", loanBody(applicationId, "3000.00", "44")).getBody().get("decision").asText())
                .as("the other funder decides on its own").isEqualTo("APPROVED");
    }

    @Test
    void givenRegion65_whenHarborCapitalAsked_itRefusesRegionNotServedButJadeTrustApproves() {
        JsonNode harbor = request("harbor-capital", loanBody(applicationId, "3000.00", "65")).getBody();
        JsonNode jade = request("jade-trust", loanBody(applicationId, "3000.00", "65")).getBody();

        assertThat(harbor.get("decision").asText()).isEqualTo("REFUSED");
        assertThat(harbor.get("reason").asText()).isEqualTo("REGION_NOT_SERVED");
        assertThat(jade.get("decision").asText()).isEqualTo("APPROVED");
    }

    @Test
    void givenAnsweredApplication_whenLookedUp_itReturnsTheAnswer() {
        JsonNode created = request("jade-trust", loanBody(applicationId, "500.00", "31")).getBody();

        ResponseEntity<JsonNode> found = lookup("jade-trust", applicationId);

        assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(found.getBody()).isEqualTo(created);
        assertThat(lookup("harbor-capital", applicationId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void givenUnknownApplication_whenLookedUpOrWithdrawn_itAnswers404ProblemJson() {
        ResponseEntity<JsonNode> found = lookup("jade-trust", applicationId);
        ResponseEntity<JsonNode> withdrawn = withdraw("jade-trust", applicationId);

        assertThat(found.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(found.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(withdrawn.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void givenApprovedApplication_whenWithdrawn_itAnswers204AndIsWithdrawnFromThenOn() {
        JsonNode approved = request("harbor-capital", loanBody(applicationId, "1500.00", "11")).getBody();

        ResponseEntity<JsonNode> first = withdraw("harbor-capital", applicationId);
        ResponseEntity<JsonNode> second = withdraw("harbor-capital", applicationId);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode after = lookup("harbor-capital", applicationId).getBody();
        assertThat(after.get("decision").asText()).isEqualTo("WITHDRAWN");
        assertThat(after.get("reference")).isEqualTo(approved.get("reference"));
        ResponseEntity<JsonNode> askedAgain = request("harbor-capital", loanBody(applicationId, "1500.00", "11"));
        assertThat(askedAgain.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(askedAgain.getBody().get("decision").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void givenRefusedApplication_whenWithdrawn_itAnswers409AndStaysRefused() {
        request("harbor-capital", loanBody(applicationId, "1500.00", "65"));

        ResponseEntity<JsonNode> response = withdraw("harbor-capital", applicationId);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(lookup("harbor-capital", applicationId).getBody().get("decision").asText()).isEqualTo("REFUSED");
    }

    @Test
    void givenSameApplicationWithAnotherAmount_whenRequested_itAnswers422AndKeepsTheFirstAnswer() {
        JsonNode first = request("jade-trust", loanBody(applicationId, "1500.00", "11")).getBody();

        ResponseEntity<JsonNode> conflicting = request("jade-trust", loanBody(applicationId, "9000.00", "11"));

        assertThat(conflicting.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(conflicting.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(lookup("jade-trust", applicationId).getBody()).isEqualTo(first);
    }

    @Test
    void givenBadBody_whenFundingRequested_itAnswers400NamingTheFieldAndRecordsNothing() {
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("applicationId", loanBody(" ", "100.00", "11"));
        bad.put("amount", loanBody(applicationId, "0", "11"));
        bad.put("termDays", with(loanBody(applicationId, "100.00", "11"), "termDays", 0));
        bad.put("region", loanBody(applicationId, "100.00", "Beijing"));

        bad.forEach((field, body) -> {
            ResponseEntity<JsonNode> response = request("jade-trust", body);

            assertThat(response.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().get("detail").asText()).contains(field);
        });
        ResponseEntity<JsonNode> malformed = http.post().uri("/simulators/funders/jade-trust/loans")
                .contentType(MediaType.APPLICATION_JSON).body("{\"applicationId\": ")
                .retrieve().toEntity(JsonNode.class);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(lookup("jade-trust", applicationId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void givenUnknownFunder_whenAsked_itAnswers404ProblemJson() {
        ResponseEntity<JsonNode> posted = request("moon-bank", loanBody(applicationId, "100.00", "11"));
        ResponseEntity<JsonNode> looked = lookup("moon-bank", applicationId);

        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(posted.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(looked.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void givenOutage_whenFundingRequested_itAnswers503AndNothingIsDecided() {
        putBehaviour("jade-trust", Map.of("latencyMinMs", 0, "latencyMaxMs", 0, "failureRate", 1.0));

        ResponseEntity<JsonNode> failed = request("jade-trust", loanBody(applicationId, "100.00", "11"));

        assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(failed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        http.delete().uri("/simulators/jade-trust/behaviour").retrieve().toBodilessEntity();
        assertThat(lookup("jade-trust", applicationId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(request("jade-trust", loanBody(applicationId, "100.00", "11")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    private void putBehaviour(String party, Map<String, Object> body) {
        ResponseEntity<JsonNode> response = http.put().uri("/simulators/{party}/behaviour", party)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> request(String funder, Map<String, Object> body) {
        return http.post().uri("/simulators/funders/{funder}/loans", funder)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> lookup(String funder, String id) {
        return http.get().uri("/simulators/funders/{funder}/loans/{id}", funder, id)
                .retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> withdraw(String funder, String id) {
        return http.delete().uri("/simulators/funders/{funder}/loans/{id}", funder, id)
                .retrieve().toEntity(JsonNode.class);
    }

    private static Map<String, Object> loanBody(String applicationId, String amount, String region) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicationId", applicationId);
        body.put("amount", new BigDecimal(amount));
        body.put("termDays", 90);
        body.put("region", region);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }
}
