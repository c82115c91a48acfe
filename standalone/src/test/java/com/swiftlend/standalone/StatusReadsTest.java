package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.workflows.application.LoanApplicationWorkflow;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Status reads come from the published revisions, never from the workflow: polling is cheap
 * (one read, 304 when unchanged) and the live stream sends every revision in order, resumable.
 */
@SystemTest
class StatusReadsTest {

    private static final Set<String> COMPLETED = Set.of("COMPLETED");

    @LocalServerPort
    int port;

    @Autowired
    WorkflowClient workflows;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private SystemClient client;
    private Applicants applicants;

    /** One event of a stream: its id (the revision) and its status. */
    record Event(int id, String name, JsonNode status) {
    }

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    @AfterEach
    void restoreBureau() throws Exception {
        client.delete("/simulators/bureau/behaviour");
    }

    @Test
    void givenARunningApplication_whenItsStatusIsReadOverAndOver_noWorkflowQueryIsSent() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        String id = inManualReview(applicant);
        String borrower = client.borrowerToken(applicant.phone());

        // The meter counts: one query sent on purpose shows up in it.
        long before = queriesSent();
        workflows.newWorkflowStub(LoanApplicationWorkflow.class, id).status();
        assertThat(queriesSent()).isEqualTo(before + 1);

        long reading = queriesSent();
        for (int i = 0; i < 25; i++) {
            assertThat(client.getAs(borrower, "/api/v1/applications/" + id).body().get("status").asText())
                    .isEqualTo("MANUAL_REVIEW");
            assertThat(client.get("/api/v1/applications/" + id).status()).isEqualTo(200);
        }
        assertThat(queriesSent()).isEqualTo(reading);
    }

    @Test
    void givenAnUnchangedStatus_whenPolledWithItsEntityTag_itAnswers304AndThenTheNewRevision() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        String id = inManualReview(applicant);
        String borrower = client.borrowerToken(applicant.phone());
        HttpResponse<String> first = get(borrower, id, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + json.readTree(first.body()).get("revision").asInt() + "\"");
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("private", "no-cache");

        HttpResponse<String> unchanged = get(borrower, id, etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        client.post("/api/v1/applications/" + id + "/reject", "{\"note\":\"declined on review\"}");
        client.awaitStep(id, COMPLETED);
        HttpResponse<String> changed = get(borrower, id, etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).get("status").asText()).isEqualTo("REJECTED");
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    }

    @Test
    void givenANewApplication_whenFollowedLive_everyRevisionArrivesInOrderAndTheStreamEndsWhenItCompletes()
            throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        String id = submit(applicant);
        String borrower = client.borrowerToken(applicant.phone());

        List<Event> events = stream(borrower, id, null);

        List<Integer> ids = events.stream().map(Event::id).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        Event last = events.get(events.size() - 1);
        assertThat(last.status().get("step").asText()).isEqualTo("COMPLETED");
        assertThat(last.status().get("status").asText()).isEqualTo("DISBURSED");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.name()).isEqualTo("status");
            assertThat(event.status().get("revision").asInt()).isEqualTo(event.id());
            assertThat(event.status().get("id").asText()).isEqualTo(id);
        });
        // Every revision the workflow recorded, none left out; the submission's too if it was current.
        assertThat(ids).containsSubsequence(recordedRevisions(id));
        assertThat(ids.stream().filter(revision -> revision > 0).toList()).isEqualTo(recordedRevisions(id));
        assertThat(last.status()).isEqualTo(client.get("/api/v1/applications/" + id).body());
    }

    @Test
    void givenAStreamThatDropped_whenResumedWithLastEventId_itSendsExactlyTheRevisionsAfterIt() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        String id = inManualReview(applicant);
        String borrower = client.borrowerToken(applicant.phone());
        List<Event> seen = new ArrayList<>();
        // The borrower watches until the review starts, then the phone loses its connection.
        try (Stream<String> lines = open(borrower, id, null).body()) {
            Iterator<String> reader = lines.iterator();
            Event event;
            do {
                event = next(reader);
                seen.add(event);
            } while (!"AWAITING_REVIEW".equals(event.status().get("step").asText()));
        }
        client.post("/api/v1/applications/" + id + "/approve", "{\"note\":\"checked\","
                + "\"approvedAmount\":800,\"annualRate\":0.2}");

        List<Event> resumed = stream(borrower, id, Integer.toString(seen.get(seen.size() - 1).id()));

        List<Integer> all = Stream.concat(seen.stream(), resumed.stream()).map(Event::id).toList();
        assertThat(all).isSorted().doesNotHaveDuplicates();
        assertThat(all.stream().filter(revision -> revision > 0).toList()).isEqualTo(recordedRevisions(id));
        assertThat(resumed.get(resumed.size() - 1).status().get("status").asText()).isEqualTo("DISBURSED");

        // A stream resumed after the end sends nothing more and ends.
        assertThat(stream(borrower, id, Integer.toString(resumed.get(resumed.size() - 1).id()))).isEmpty();
    }

    @Test
    void givenSomeoneElsesApplicationOrABadLastEventId_whenStreamed_itIsAProblemNotAStream() throws Exception {
        String id = submit(applicants.creditworthy());
        String stranger = client.borrowerToken(applicants.creditworthy().phone());

        HttpResponse<String> notYours = http.send(streamRequest(stranger, id, null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notYours.statusCode()).isEqualTo(404);
        assertThat(notYours.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        HttpResponse<String> badId = http.send(streamRequest(client.operatorToken(), id, "latest"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badId.body()).get("errors").findValuesAsText("field"))
                .containsExactly("Last-Event-ID");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                URI.create(client.base() + "/api/v1/applications/" + id + "/events")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private String inManualReview(Applicants.Applicant applicant) throws Exception {
        // A bureau slower than its timeout: decided without it, so an operator must review.
        client.put("/simulators/bureau/behaviour", "{\"latencyMinMs\":1500,\"latencyMaxMs\":1500,\"failureRate\":0}");
        String id = submit(applicant);
        assertThat(client.awaitSettled(id).get("status").asText()).isEqualTo("MANUAL_REVIEW");
        client.delete("/simulators/bureau/behaviour");
        return id;
    }

    private String submit(Applicants.Applicant applicant) throws Exception {
        SystemClient.Answer answer = client.submit(UUID.randomUUID().toString(), applicant.body(2500));
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asText();
    }

    private List<Integer> recordedRevisions(String id) {
        return jdbc.queryForList("select revision from application_status_history where application_id = ?::uuid"
                + " order by revision", Integer.class, id);
    }

    private static long queriesSent() {
        return TemporalCalls.made("QueryWorkflow");
    }

    private HttpResponse<String> get(String token, String id, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/applications/" + id))
                .header("Authorization", "Bearer " + token).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest streamRequest(String token, String id, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(client.base() + "/api/v1/applications/" + id + "/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return request.build();
    }

    private HttpResponse<Stream<String>> open(String token, String id, String lastEventId) throws Exception {
        HttpResponse<Stream<String>> response = http.send(streamRequest(token, id, lastEventId),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        return response;
    }

    /** Every event until the server ends the stream. */
    private List<Event> stream(String token, String id, String lastEventId) throws Exception {
        List<Event> events = new ArrayList<>();
        try (Stream<String> lines = open(token, id, lastEventId).body()) {
            Iterator<String> reader = lines.iterator();
            Event event;
            while ((event = next(reader)) != null) {
                events.add(event);
            }
        }
        return events;
    }

    /** The next event, skipping comments; null when the stream has ended. */
    private Event next(Iterator<String> lines) throws Exception {
        Integer id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    return new Event(id, name, json.readTree(data.toString()));
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            String field = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
            String value = line.contains(":") ? line.substring(line.indexOf(':') + 1).stripLeading() : "";
            switch (field) {
                case "id" -> id = Integer.valueOf(value);
                case "event" -> name = value;
                case "data" -> data.append(value);
                default -> {
                }
            }
        }
        return null;
    }
}
