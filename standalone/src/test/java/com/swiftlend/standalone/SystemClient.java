package com.swiftlend.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Talks to the running system over HTTP as a borrower's app or an operator's console would. */
final class SystemClient {

    record Answer(int status, String contentType, String location, JsonNode body) {
    }

    private static final Set<String> SETTLED_STEPS = Set.of("COMPLETED", "AWAITING_REVIEW");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    SystemClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    Answer submit(String idempotencyKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/applications"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    Answer post(String path, String body) throws Exception {
        return answer(http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    Answer put(String path, String body) throws Exception {
        return answer(http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    Answer delete(String path) throws Exception {
        return answer(http.send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    Answer get(String path) throws Exception {
        return answer(http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** Polls an application until it is final or waits for an operator; fails after 20 s. */
    JsonNode awaitSettled(String id) throws Exception {
        return awaitStep(id, SETTLED_STEPS);
    }

    JsonNode awaitStep(String id, Set<String> steps) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            status = get("/api/v1/applications/" + id).body();
            if (steps.contains(status.get("step").asText())) {
                return status;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("application " + id + " did not reach " + steps + "; last seen " + status);
    }

    private Answer answer(HttpResponse<String> response) throws Exception {
        String body = response.body();
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(null),
                body == null || body.isBlank() ? null : json.readTree(body));
    }
}
