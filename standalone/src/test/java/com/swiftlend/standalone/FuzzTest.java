package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Malformed, oversized, wrongly typed and boundary requests against every operation the running
 * system publishes in its OpenAPI document, generated from that document by a seeded generator
 * (the seed and the count per operation are system properties, so a failure can be replayed):
 * none may answer a 5xx, every error must be an RFC 9457 problem, and a rejected request must
 * store nothing. The outside parties' simulators are not ours and are left out; so are the demo
 * staff accounts' names, which a password guess would lock for the rest of the suite.
 */
@SystemTest
class FuzzTest {

    private static final long SEED = Long.getLong("swiftlend.fuzz.seed", 20_261_202L);
    private static final int PER_OPERATION = Integer.getInteger("swiftlend.fuzz.per-operation", 150);
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Random random;
    private JsonNode document;

    @Test
    void givenThousandsOfMalformedRequestsToEveryOperation_noneIs5xxEveryErrorIsAProblemAndRejectedOnesStoreNothing()
            throws Exception {
        SystemClient client = new SystemClient(port);
        random = new Random(SEED);
        document = client.get("/v3/api-docs").body();
        List<String> tokens = new ArrayList<>();
        tokens.add(null);
        tokens.add("not.a.token");
        // Fresh sign-ins, not the suite's shared tokens: the fuzzer signs out some of what it holds.
        tokens.add(staffSignIn(client, "operator"));
        tokens.add(staffSignIn(client, "editor"));
        // Reaches the account administration's validation; fuzzed names are never a real account's.
        tokens.add(staffSignIn(client, "admin"));
        tokens.add(client.borrowerToken(new Applicants(port).any().phone()));

        // Signing out must not take the other operations' tokens with it.
        List<String> signOutTokens = List.of("not.a.token", staffSignIn(client, "operator"),
                client.borrowerToken(new Applicants(port).any().phone()));
        Map<String, int[]> sent = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/simulators")) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                String name = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                int[] counts = sent.computeIfAbsent(name, k -> new int[3]);
                for (int i = 0; i < PER_OPERATION; i++) {
                    List<String> holding = path.getKey().endsWith("/sign-out") ? signOutTokens : tokens;
                    HttpRequest request = request(path.getKey(), method, operation,
                            holding.get(random.nextInt(holding.size())));
                    long storedBefore = stored();
                    HttpResponse<String> response;
                    try {
                        response = send(request);
                    } catch (HttpTimeoutException e) {
                        findings.add(name + " timed out: " + request.uri());
                        continue;
                    } catch (java.io.IOException e) {
                        findings.add(name + " closed the connection unanswered (" + e.getMessage() + "): " + request.uri()
                                + " headers " + request.headers().map().entrySet().stream()
                                        .map(h -> h.getKey() + "[" + String.join("", h.getValue()).length() + "]").toList()
                                + " body " + request.bodyPublisher().map(b -> b.contentLength()).orElse(-1L));
                        continue;
                    }
                    int status = response.statusCode();
                    counts[status < 300 ? 0 : status < 500 ? 1 : 2]++;
                    String contentType = response.headers().firstValue("Content-Type").orElse("");
                    if (status >= 500) {
                        findings.add(name + " answered " + status + " to " + request.uri() + ": " + clip(response.body()));
                    } else if (status >= 400 && !contentType.startsWith("application/problem+json")) {
                        findings.add(name + " answered " + status + " as '" + contentType + "' to " + request.uri()
                                + ": " + clip(response.body()));
                    } else if (status >= 400 && stored() != storedBefore) {
                        findings.add(name + " answered " + status + " but stored something, for " + request.uri());
                    }
                }
            }
        }

        int total = sent.values().stream().mapToInt(c -> c[0] + c[1] + c[2]).sum();
        System.out.printf(Locale.ROOT, "fuzz: seed %d, %d requests over %d operations%n", SEED, total, sent.size());
        sent.forEach((name, c) -> System.out.printf(Locale.ROOT, "fuzz:   %-55s %4d sent: %4d 2xx/3xx, %4d 4xx, %d 5xx%n",
                name, c[0] + c[1] + c[2], c[0], c[1], c[2]));
        assertThat(sent).as("operations found in the OpenAPI document").hasSizeGreaterThan(10);
        assertThat(findings).as("requests answered wrongly (seed " + SEED + ")").isEmpty();
    }

    /**
     * A request whose pooled connection the server had already closed (after a 400 it closes, and
     * the client may reuse the connection before it sees that) gets no bytes back; as any client
     * may (RFC 9112, 9.3.1), it is sent once more on a connection of its own. Only a second
     * failure counts.
     */
    private HttpResponse<String> send(HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw e;
        } catch (java.io.IOException e) {
            HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return fresh.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String staffSignIn(SystemClient client, String username) throws Exception {
        return client.postAs(null, "/api/v1/auth/token", "{\"username\":\"" + username + "\",\"password\":\""
                + SystemClient.DEMO_PASSWORD + "\"}").body().get("accessToken").asText();
    }

    /** What a rejected request could have stored: an application or a staff account. */
    private long stored() {
        return jdbc.queryForObject("select (select count(*) from loan_application) + (select count(*) from staff_account)",
                Long.class);
    }

    private HttpRequest request(String template, String method, JsonNode operation, String token) {
        StringBuilder path = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                path.append(template.substring(at));
                break;
            }
            path.append(template, at, open).append(pathSegment());
            at = template.indexOf('}', open) + 1;
        }
        List<String> query = new ArrayList<>();
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10));
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.path("in").asText();
            String name = parameter.path("name").asText();
            if (random.nextInt(5) == 0) {
                continue; // a missing parameter, required or not
            }
            if (in.equals("query")) {
                query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(text(parameter.path("schema")), StandardCharsets.UTF_8));
            } else if (in.equals("header")) {
                builder.header(name, headerValue());
            }
        }
        if (random.nextInt(4) == 0) {
            builder.header("Idempotency-Key", headerValue());
        }
        if (token != null) {
            builder.header("Authorization", random.nextInt(10) == 0 ? "Bearer " + headerValue() : "Bearer " + token);
        }
        builder.header("Accept", random.nextInt(8) == 0 ? "text/html" : "application/json, application/problem+json");
        String uri = "http://127.0.0.1:" + port + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        builder.uri(URI.create(uri));
        JsonNode body = operation.path("requestBody").path("content");
        if (body.isMissingNode() && !method.equals("post") && !method.equals("put")) {
            return builder.method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody()).build();
        }
        JsonNode schema = body.path("application/json").path("schema");
        builder.header("Content-Type", switch (random.nextInt(12)) {
            case 0 -> "text/plain";
            case 1 -> "application/xml";
            case 2 -> "application/json; charset=latin1";
            default -> "application/json";
        });
        return builder.method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofString(body(schema))).build();
    }

    private String body(JsonNode schema) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> "{\"unclosed\": ";
            case 2 -> "[" + "[".repeat(2_000) + "]".repeat(2_000) + "]";
            case 3 -> "\"" + "x".repeat(300_000) + "\"";
            case 4 -> randomJson(3).toString();
            default -> mutated(value(schema, 0)).toString();
        };
    }

    /** A value the schema describes, as a well-behaved client might send it. */
    private JsonNode value(JsonNode schema, int depth) {
        schema = resolved(schema);
        if (depth > 4) {
            return NODES.nullNode();
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), value(p.getValue(), depth + 1)));
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(value(schema.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(boundary(schema).longValue());
            case "number" -> NODES.numberNode(boundary(schema));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.textNode(text(schema));
        };
    }

    /** Each field, with some probability, made wrong: another type, null, huge, control characters, gone. */
    private JsonNode mutated(JsonNode value) {
        if (value instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                switch (random.nextInt(8)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.set(name, randomJson(1));
                    case 2 -> object.putNull(name);
                    case 3 -> object.set(name, mutated(object.get(name)));
                    default -> {
                    }
                }
            }
            if (random.nextInt(4) == 0) {
                object.set("unexpected" + random.nextInt(100), randomJson(1));
            }
            return object;
        }
        return random.nextInt(3) == 0 ? randomJson(1) : value;
    }

    private JsonNode randomJson(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(new double[] {0, -1, 1e308, -1e308, 4.9e-324, 2_147_483_648d, 0.001}[random.nextInt(7)]);
            case 3 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(400))));
            case 4, 5, 6 -> NODES.textNode(nastyString());
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomJson(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(nastyString(), randomJson(depth - 1));
                }
                yield object;
            }
        };
    }

    private Double boundary(JsonNode schema) {
        double min = schema.path("minimum").asDouble(-1);
        double max = schema.path("maximum").asDouble(1_000_000);
        double[] picks = {min, max, min - 1, max + 1, 0, -1, (min + max) / 2, Long.MAX_VALUE};
        return picks[random.nextInt(picks.length)];
    }

    private String text(JsonNode schema) {
        schema = resolved(schema);
        if (schema.has("enum") && random.nextBoolean()) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size())).asText();
        }
        return switch (schema.path("format").asText()) {
            case "uuid" -> random.nextBoolean() ? UUID.randomUUID().toString() : nastyString();
            case "date-time" -> random.nextBoolean() ? "2026-02-30T25:61:00Z" : "2026-12-02T10:00:00Z";
            case "date" -> random.nextBoolean() ? "2026-13-01" : "2026-12-02";
            default -> {
                int max = schema.path("maxLength").asInt(64);
                yield random.nextInt(3) == 0 ? "a".repeat(max + 1) : nastyString();
            }
        };
    }

    private String nastyString() {
        String[] pieces = {"", " ", "a", "0", "-1", "operator-", "\u0000", "\u0007", "\u202e", "\ud83d\ude00", "\ufeff",
            "'", "\"", "\\", "<script>", "../", "%00", "%2F", "${jndi:ldap://x}", "null", "NaN", "\u00e9", "\u4e2d\u6587",
            "13800138000", "11010519491231002X", "\ud800"};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        if (random.nextInt(20) == 0) {
            text.append("z".repeat(10_000));
        }
        String value = text.toString();
        // The demo staff accounts serve the rest of the suite: a guessed password would lock them.
        return value.equals("operator") || value.equals("editor") ? value + "!" : value;
    }

    /** A path segment: encoded so the URI is legal, sometimes with the encodings servers refuse. */
    private String pathSegment() {
        return switch (random.nextInt(10)) {
            case 0 -> "a%2Fb";
            case 1 -> "a%5Cb";
            case 2 -> "%00";
            case 3 -> "..%2F..";
            case 4 -> "%C0%AF";
            case 5 -> UUID.randomUUID().toString();
            default -> URLEncoder.encode(nastyString(), StandardCharsets.UTF_8).replace("+", "%20");
        };
    }

    /** Printable ASCII only: the HTTP client refuses anything else in a header, as any client would. */
    private String headerValue() {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(10) == 0 ? 9_000 : random.nextInt(200);
        for (int i = 0; i < length; i++) {
            value.append((char) (0x21 + random.nextInt(0x7e - 0x21)));
        }
        return value.toString();
    }

    private JsonNode resolved(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private static String clip(String body) {
        return body == null ? "" : body.substring(0, Math.min(body.length(), 300));
    }
}
