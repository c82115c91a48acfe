package com.swiftlend.simulators.antifraud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.simulators.SimulatorHttp;
import com.swiftlend.simulators.SimulatorsApplication;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@SpringBootTest(classes = SimulatorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AntiFraudSimulatorTest {

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void setUp() {
        http = SimulatorHttp.client(port);
    }

    @Test
    void givenSameIdNumberAndDevice_whenAssessedTwice_itReturnsTheSameAssessment() {
        Map<String, String> request = Map.of("applicationId", "APP-42", "idNumber", "310101198805051111",
                "phone", "13912345678", "deviceId", "android-9f2c", "ip", "203.0.113.7");

        ResponseEntity<JsonNode> first = assess(request);
        ResponseEntity<JsonNode> second = assess(request);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(first.getBody().get("assessmentId").asText()).matches("AF-[0-9a-f]{16}");
        assertThat(first.getBody().get("score").asInt()).isBetween(0, 100);
        assertThat(first.getBody().get("verdict").asText()).isIn("ACCEPT", "REVIEW", "DENY");
        assertThat(first.getBody().get("signals").isArray()).isTrue();
    }

    @Test
    void givenSamePersonAndDeviceInAnotherApplication_whenAssessed_theRiskIsTheSame() {
        JsonNode first = assess(Map.of("applicationId", "APP-1", "idNumber", "310101198805051111",
                "deviceId", "android-9f2c")).getBody();
        JsonNode second = assess(Map.of("applicationId", "APP-2", "idNumber", "310101198805051111",
                "deviceId", "android-9f2c", "ip", "198.51.100.1")).getBody();

        assertThat(second.get("score")).isEqualTo(first.get("score"));
        assertThat(second.get("verdict")).isEqualTo(first.get("verdict"));
        assertThat(second.get("signals")).isEqualTo(first.get("signals"));
        assertThat(second.get("assessmentId")).isNotEqualTo(first.get("assessmentId"));
    }

    @Test
    void givenNoIdNumber_whenAssessed_itAnswers400ProblemJson() {
        ResponseEntity<JsonNode> response = assess(Map.of("applicationId", "APP-3", "deviceId", "ios-1"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private ResponseEntity<JsonNode> assess(Map<String, String> body) {
        return http.post().uri("/simulators/anti-fraud/assessments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }
}
