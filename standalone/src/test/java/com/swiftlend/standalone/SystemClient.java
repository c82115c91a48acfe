package com.swiftlend.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to the running system over HTTP as a borrower's app or an operator's console would,
 * signing in the way they do: a borrower by phone and the one-time code the SMS gateway delivered,
 * an operator with the demo account.
 */
final class SystemClient {

    record Answer(int status, String contentType, String location, JsonNode body, java.net.http.HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    static final String DEMO_PASSWORD = "swiftlend-demo";
    private static final Set<String> SETTLED_STEPS = Set.of("COMPLETED", "AWAITING_REVIEW");
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern PHONE = Pattern.compile("\"phone\"\\s*:\\s*\"(\\d+)\"");
    /** Tokens live for minutes; one sign-in per phone serves the whole suite. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    SystemClient(int port) {
        this("http://127.0.0.1:" + port, HttpClient.newHttpClient());
    }

    SystemClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    String base() {
        return base;
    }

    /** Submits as the borrower whose phone the body names. */
    Answer submit(String idempotencyKey, String body) throws Exception {
        Matcher phone = PHONE.matcher(body);
        String token = phone.find() ? borrowerToken(phone.group(1)) : null;
        return submitAs(token, idempotencyKey, body);
    }

    Answer submitAs(String token, String idempotencyKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/applications"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        authorize(request, token);
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts as an operator (verdicts, codec). */
    Answer post(String path, String body) throws Exception {
        return postAs(operatorToken(), path, body);
    }

    Answer postAs(String token, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        authorize(request, token);
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts a multipart/form-data body of named files (a model upload), each part as the bytes given. */
    Answer postFilesAs(String token, String path, Map<String, byte[]> parts) throws Exception {
        String boundary = "swiftlend-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                    + "\"; filename=\"" + part.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(part.getValue());
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        authorize(request, token);
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts as an outside party would be called (a channel's payout), with no token and this Idempotency-Key. */
    Answer postIdempotently(String path, String idempotencyKey, String body) throws Exception {
        return answer(http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
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

    /** Reads as an operator: applications of any borrower; the simulators and docs need no token. */
    Answer get(String path) throws Exception {
        return getAs(path.startsWith("/api/") ? operatorToken() : null, path);
    }

    Answer getAs(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        authorize(request, token);
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    String operatorToken() throws Exception {
        return staffToken("operator");
    }

    String staffToken(String username) throws Exception {
        return TOKENS.computeIfAbsent("staff:" + base + ":" + username, key -> {
            try {
                Answer answer = postAs(null, "/api/v1/auth/token",
                        "{\"username\":\"" + username + "\",\"password\":\"" + DEMO_PASSWORD + "\"}");
                return token(answer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Signs in as the borrower with this phone: asks for a code, reads the SMS, exchanges it. */
    String borrowerToken(String phone) throws Exception {
        return TOKENS.computeIfAbsent("borrower:" + base + ":" + phone, key -> {
            try {
                Answer sent = postAs(null, "/api/v1/auth/otp", "{\"phone\":\"" + phone + "\"}");
                if (sent.status() != 202) {
                    throw new IllegalStateException("code not sent: " + sent);
                }
                Answer token = postAs(null, "/api/v1/auth/token",
                        "{\"phone\":\"" + phone + "\",\"code\":\"" + lastCode(phone) + "\"}");
                return token(token);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The code in the newest SMS the gateway delivered to this phone. */
    String lastCode(String phone) throws Exception {
        JsonNode messages = get("/simulators/sms/messages?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8))
                .body();
        for (int i = messages.size() - 1; i >= 0; i--) {
            Matcher code = CODE.matcher(messages.get(i).get("text").asText());
            if (messages.get(i).get("text").asText().contains("sign-in code") && code.find()) {
                return code.group(1);
            }
        }
        throw new IllegalStateException("no sign-in code was sent to " + phone);
    }

    /** Submits (asserting 202) and polls until the application is final or waits for an operator. */
    JsonNode submitAndSettle(String body) throws Exception {
        Answer answer = submit(java.util.UUID.randomUUID().toString(), body);
        if (answer.status() != 202) {
            throw new AssertionError("submit answered " + answer.status() + ": " + answer.body());
        }
        return awaitSettled(answer.body().get("id").asText());
    }

    /** Submits creditworthy applications until one is decided with the rule-set version: workers check within a second. */
    JsonNode awaitDecidedWith(Applicants applicants, String version) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            JsonNode status = submitAndSettle(applicants.creditworthy().body(2000));
            if (version.equals(status.path("decision").path("ruleSetVersion").asText())) {
                return status;
            }
        }
        throw new AssertionError("No application was decided with rule set " + version);
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

    private static void authorize(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
    }

    private static String token(Answer answer) {
        if (answer.status() != 200 || answer.body() == null || !answer.body().has("accessToken")) {
            throw new IllegalStateException("sign-in failed: " + answer);
        }
        return answer.body().get("accessToken").asText();
    }

    private Answer answer(HttpResponse<String> response) throws Exception {
        String body = response.body();
        JsonNode parsed = null;
        if (body != null && !body.isBlank()) {
            try {
                parsed = json.readTree(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                parsed = json.getNodeFactory().textNode(body);
            }
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(null), parsed, response.headers());
    }
}
