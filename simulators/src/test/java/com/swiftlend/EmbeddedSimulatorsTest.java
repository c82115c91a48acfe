package com.swiftlend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.simulators.SimulatorHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The all-in-one app scans all of com.swiftlend, so it also meets SimulatorsApplication and whatever
 * global error handling the platform has (here {@link HostWideAdvice}). The simulators must still start
 * and answer as themselves.
 */
@SpringBootTest(classes = EmbeddedSimulatorsTest.HostApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedSimulatorsTest {

    @SpringBootApplication(scanBasePackages = "com.swiftlend")
    static class HostApplication {
    }

    @LocalServerPort
    int port;

    @Test
    void givenHostScanningAllOfSwiftlend_whenBureauCalled_itAnswers() {
        ResponseEntity<JsonNode> response = SimulatorHttp.client(port).post().uri("/simulators/bureau/credit-reports")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("idNumber", "110101199001011234"))
                .retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void givenHostWideAdvice_whenSimulatorRejectsARequest_itStillAnswersProblemJson() {
        ResponseEntity<JsonNode> response = SimulatorHttp.client(port).post().uri("/simulators/bureau/credit-reports")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "no id"))
                .retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
