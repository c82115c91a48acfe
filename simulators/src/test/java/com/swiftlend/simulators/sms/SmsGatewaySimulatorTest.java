package com.swiftlend.simulators.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.simulators.SimulatorHttp;
import com.swiftlend.simulators.SimulatorsApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@SpringBootTest(classes = SimulatorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmsGatewaySimulatorTest {

    @LocalServerPort
    int port;

    RestClient http;
    String phone;

    @BeforeEach
    void setUp() {
        http = SimulatorHttp.client(port);
        // A fresh number per test, because the outbox is shared by every test in the context.
        phone = "138" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    @Test
    void givenMessage_whenSent_itAnswers202WithTheQueuedMessage() {
        ResponseEntity<JsonNode> response = send(phone, "Your loan is approved");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getBody().get("messageId").asText()).matches("SMS-[0-9a-f]{16}");
        assertThat(response.getBody().get("phone").asText()).isEqualTo(phone);
        assertThat(response.getBody().get("text").asText()).isEqualTo("Your loan is approved");
        assertThat(response.getBody().get("sentAt").asText()).isNotBlank();
    }

    @Test
    void givenMessagesToSeveralPhones_whenListedByPhone_itReturnsOnlyThatPhonesMessagesNewestLast() {
        send(phone, "first");
        send("13000000000", "someone else");
        send(phone, "second");

        JsonNode messages = http.get().uri("/simulators/sms/messages?phone={phone}", phone)
                .retrieve().body(JsonNode.class);

        List<String> texts = new ArrayList<>();
        messages.forEach(message -> texts.add(message.get("text").asText()));
        assertThat(texts).containsExactly("first", "second");
    }

    @Test
    void givenNoPhoneFilter_whenListed_itReturnsMessagesToEveryPhone() {
        send(phone, "mine");
        send("13100000000", "theirs");

        JsonNode messages = http.get().uri("/simulators/sms/messages").retrieve().body(JsonNode.class);

        List<String> phones = new ArrayList<>();
        messages.forEach(message -> phones.add(message.get("phone").asText()));
        assertThat(phones).contains(phone, "13100000000");
    }

    @Test
    void givenNoPhone_whenSent_itAnswers400ProblemJsonAndSendsNothing() {
        ResponseEntity<JsonNode> response = http.post().uri("/simulators/sms/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "to nobody"))
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private ResponseEntity<JsonNode> send(String to, String text) {
        return http.post().uri("/simulators/sms/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("phone", to, "text", text))
                .retrieve()
                .toEntity(JsonNode.class);
    }
}
