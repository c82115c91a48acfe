package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the Temporal service stores of a loan application: ciphertext only. An operator reads it
 * back through the codec server, as the Temporal UI would (who may is AuthorizationTest's matter).
 */
@SystemTest
class PayloadEncryptionTest {

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    WorkflowClient temporal;

    private final HttpClient http = HttpClient.newHttpClient();
    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    @Test
    void givenSettledApplication_whenReadingItsTemporalHistory_itHoldsNoPlaintextPersonalData() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        String id = client.submit(UUID.randomUUID().toString(), applicant.body(2200)).body().get("id").asText();
        client.awaitSettled(id);

        byte[] history = temporal.fetchHistory(id).getHistory().toByteArray();
        String raw = new String(history, StandardCharsets.ISO_8859_1);

        assertThat(raw).doesNotContain(applicant.idNumber(), applicant.phone(), applicant.bankCard(), "Test Borrower");
        assertThat(raw).contains("binary/encrypted");
    }

    @Test
    void givenOperator_whenDecodingHistoryPayloads_theCodecServerRevealsThem() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        String id = client.submit(UUID.randomUUID().toString(), applicant.body(2300)).body().get("id").asText();
        client.awaitSettled(id);
        HistoryEvent started = temporal.fetchHistory(id).getEvents().get(0);
        Payloads input = started.getWorkflowExecutionStartedEventAttributes().getInput();
        String body = JsonFormat.printer().print(input);

        SystemClient.Answer decoded = client.post("/codec/decode", body);

        assertThat(decoded.status()).isEqualTo(200);
        Payloads.Builder plain = Payloads.newBuilder();
        JsonFormat.parser().merge(decoded.body().toString(), plain);
        Payload first = plain.getPayloads(0);
        assertThat(first.getData().toStringUtf8()).contains(applicant.idNumber(), id);
        assertThat(input.getPayloads(0).getData().toStringUtf8()).doesNotContain(applicant.idNumber());
    }

    @Test
    void givenOperator_whenDecodingPayloads_theDecodeIsOnTheAuditTrailWithWhoAndWhichPayloads() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        String id = client.submit(UUID.randomUUID().toString(), applicant.body(2400)).body().get("id").asText();
        client.awaitSettled(id);
        Payloads input = temporal.fetchHistory(id).getEvents().get(0).getWorkflowExecutionStartedEventAttributes()
                .getInput();

        SystemClient.Answer decoded = client.post("/codec/decode", JsonFormat.printer().print(input));

        assertThat(decoded.status()).isEqualTo(200);
        String expectedDigest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(input.getPayloads(0).getData().toByteArray()));
        com.fasterxml.jackson.databind.JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                jdbc.queryForObject("select payload::text from audit_record where kind = 'PAYLOADS_DECODED'"
                        + " and jsonb_exists(payload->'payloadDigests', ?) order by sequence desc limit 1", String.class,
                        expectedDigest));
        assertThat(record.get("operator").asText()).isEqualTo("staff:operator");
        assertThat(record.get("payloadDigests")).hasSize(input.getPayloadsCount());
        assertThat(record.toString()).doesNotContain(applicant.idNumber());
    }

    @Test
    void givenTemporalUiOrigin_whenPreflightingTheCodec_onlyThatOriginIsAllowed() throws Exception {
        HttpResponse<String> allowed = preflight("http://localhost:8088");
        HttpResponse<String> foreign = preflight("https://evil.example");

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8088");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization", "x-namespace");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(client.base() + "/codec/decode"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
