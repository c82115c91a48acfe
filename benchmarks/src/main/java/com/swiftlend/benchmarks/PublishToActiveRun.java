package com.swiftlend.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Publish-to-active time (issue 10): publishes two approved twins of the active rule set in turn,
 * {@code rounds} times, {@code every} apart, on a running Swiftlend that a {@link LoadGenerator}
 * keeps deciding applications on. Each publish is in the audit trail with its time and each
 * decision in {@code decision_record} with its version and time, so the SQL this prints measures,
 * per publish, how long decisions kept using the version before: the time until every worker had
 * the new one. Leaves the version it found active.
 *
 * <p>Arguments: {@code base=http://127.0.0.1:18080 rounds=10 every=3s password=swiftlend-demo}.
 */
public final class PublishToActiveRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PublishToActiveRun() {
    }

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:18080";
        int rounds = 10;
        Duration every = Duration.ofSeconds(3);
        String password = "swiftlend-demo";
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            switch (pair[0]) {
                case "base" -> base = pair[1];
                case "rounds" -> rounds = Integer.parseInt(pair[1]);
                case "every" -> every = Duration.parse("PT" + pair[1].toUpperCase(java.util.Locale.ROOT));
                case "password" -> password = pair[1];
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        LoadGenerator.requireLoopback(URI.create(base));
        String editor = token(base, "editor", password);
        String editor2 = token(base, "editor2", password);
        JsonNode active = call(base, editor, "GET", "/api/v1/rulesets/active", null);
        String original = active.get("version").asText();
        ObjectNode twin = JSON.createObjectNode().put("dmnXml", active.get("dmnXml").asText())
                .put("comment", "publish-to-active measurement: a twin of " + original);
        twin.set("testCases", active.get("testCases"));
        String other = call(base, editor, "POST", "/api/v1/rulesets", twin.toString()).get("version").asText();
        call(base, editor2, "POST", "/api/v1/rulesets/" + other + "/approve", null);
        String current = original;
        try {
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(every.toMillis());
                String next = current.equals(original) ? other : original;
                JsonNode published = call(base, editor, "POST", "/api/v1/rulesets/" + next + "/publish", null);
                current = next;
                System.out.printf("published %s at %s%n", next, published.get("publishedAt").asText());
            }
            Thread.sleep(every.toMillis());
        } finally {
            if (!current.equals(original)) {
                call(base, editor, "POST", "/api/v1/rulesets/" + original + "/publish", null);
            }
        }
        System.out.println("""
                Now measure, per publish, the last decision still taken with another version (psql on the embedded PostgreSQL):
                with p as (select payload->>'version' v, (payload->>'changedAt')::timestamptz t,
                                  lead((payload->>'changedAt')::timestamptz) over (order by sequence) next_t
                           from audit_record where kind = 'RULE_SET_PUBLISHED')
                select p.v, count(*) decisions, count(*) filter (where d.rule_set_version <> p.v) stale,
                       round(extract(epoch from max(d.decided_at) filter (where d.rule_set_version <> p.v) - p.t) * 1000) last_stale_ms,
                       round(extract(epoch from min(d.decided_at) filter (where d.rule_set_version = p.v) - p.t) * 1000) first_new_ms
                from p join decision_record d on d.decided_at >= p.t and (p.next_t is null or d.decided_at < p.next_t)
                group by p.v, p.t order by p.t;""");
    }

    private static String token(String base, String username, String password) throws Exception {
        return call(base, null, "POST", "/api/v1/auth/token",
                JSON.createObjectNode().put("username", username).put("password", password).toString())
                .get("accessToken").asText();
    }

    private static JsonNode call(String base, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
