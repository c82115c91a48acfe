package com.swiftlend.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@SpringBootTest(classes = SimulatorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "swiftlend.simulators.enabled=false")
class SimulatorsDisabledTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void givenSimulatorsDisabled_whenContextStarts_itRegistersNoSimulatorBeans() {
        assertThat(context.getBeanNamesForAnnotation(ConditionalOnSimulatorsEnabled.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SimulatorsProperties.class)).isEmpty();
    }

    @Test
    void givenSimulatorsDisabled_whenBureauCalled_itIsNotFound() {
        ResponseEntity<JsonNode> response = SimulatorHttp.client(port).post()
                .uri("/simulators/bureau/credit-reports")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("idNumber", "110101199001011234"))
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
