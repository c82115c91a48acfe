package com.swiftlend.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The fault knobs and balances are startup properties too, under the party's hyphenated name. */
@SpringBootTest(classes = SimulatorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "swiftlend.simulators.manual-desk.initial-balance=1234.56",
            "swiftlend.simulators.manual-desk.pending-settle-ms=700",
            "swiftlend.simulators.bankwire.timeout-after-paying-rate=0.1",
            "swiftlend.simulators.bankwire.stall-ms=7000",
            "swiftlend.simulators.swiftpay.pending-rate=0.2",
            "swiftlend.simulators.harbor-capital.refusal-rate=0.4"
        })
class SimulatorsSettingsTest {

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void setUp() {
        http = SimulatorHttp.client(port);
    }

    @Test
    void givenStartupProperties_whenBehaviourRead_theFaultKnobsAreTheConfiguredOnes() {
        assertThat(behaviour("manual-desk").get("pendingSettleMs").asInt()).isEqualTo(700);
        assertThat(behaviour("bankwire").get("timeoutAfterPayingRate").asDouble()).isEqualTo(0.1);
        assertThat(behaviour("bankwire").get("stallMs").asInt()).isEqualTo(7000);
        assertThat(behaviour("swiftpay").get("pendingRate").asDouble()).isEqualTo(0.2);
        assertThat(behaviour("harbor-capital").get("refusalRate").asDouble()).isEqualTo(0.4);
    }

    @Test
    void givenInitialBalanceProperty_whenBalanceRead_itIsTheConfiguredOne() {
        JsonNode balance = http.get().uri("/simulators/channels/manual-desk/balance").retrieve().body(JsonNode.class);

        assertThat(balance.get("available").decimalValue()).isEqualByComparingTo("1234.56");
    }

    private JsonNode behaviour(String party) {
        return http.get().uri("/simulators/{party}/behaviour", party).retrieve().body(JsonNode.class);
    }
}
