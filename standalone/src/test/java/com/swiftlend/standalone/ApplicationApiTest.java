package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The submission API through real HTTP against the running system. */
@SystemTest
class ApplicationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    private SystemClient.Answer post(String idempotencyKey, String body) throws Exception {
        return client.submit(idempotencyKey, body);
    }

    private SystemClient.Answer get(String path) throws Exception {
        return client.get(path);
    }

    private String base() {
        return client.base();
    }

    private int applications() {
        return jdbc.queryForObject("select count(*) from loan_application", Integer.class);
    }

    @Test
    void givenValidApplication_whenSubmitted_itAnswers202UnderReviewWithLocation() throws Exception {
        SystemClient.Answer answer = post(UUID.randomUUID().toString(), applicants.any().body(3000));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().get("status").asText()).isEqualTo("UNDER_REVIEW");
        String id = answer.body().get("id").asText();
        assertThat(answer.location()).isEqualTo(base() + "/api/v1/applications/" + id);
        assertThat(jdbc.queryForObject("select count(*) from loan_application where id = ?::uuid", Integer.class,
                id)).isEqualTo(1);
        assertThat(get("/api/v1/applications/" + id).status()).isEqualTo(200);
    }

    @Test
    void givenBadFields_whenSubmitted_itAnswers400ProblemNamingEachFieldAndStoresNothing() throws Exception {
        int before = applications();
        String body = """
                {"name":"","idNumber":"110105194912310021","phone":"12345","bankCard":"6222020200112233447",
                 "amount":999999,"termDays":2,"purpose":"rent","deviceId":"d-1"}""";

        // Signed in with a valid phone: validation answers before the phone is compared with the token.
        String token = client.borrowerToken(applicants.any().phone());
        SystemClient.Answer answer = client.submitAs(token, UUID.randomUUID().toString(), body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        answer.body().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).contains("name", "idNumber", "phone", "bankCard", "amount", "termDays");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void givenIdNumberWithWrongCheckDigit_whenSubmitted_itNamesIdNumber() throws Exception {
        Applicants.Applicant applicant = applicants.any();
        String valid = applicant.idNumber();
        char wrong = valid.charAt(17) == '1' ? '2' : '1';
        String body = applicant.body(3000).replace(valid, valid.substring(0, 17) + wrong);

        SystemClient.Answer answer = post(UUID.randomUUID().toString(), body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("errors")).hasSize(1);
        assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("idNumber");
    }

    @Test
    void givenMalformedJson_whenSubmitted_itAnswers400Problem() throws Exception {
        String token = client.borrowerToken(applicants.any().phone());
        SystemClient.Answer answer = client.submitAs(token, UUID.randomUUID().toString(), "{\"name\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenNoIdempotencyKey_whenSubmitted_itAnswers400ProblemAndStoresNothing() throws Exception {
        int before = applications();

        SystemClient.Answer answer = post(null, applicants.any().body(3000));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).contains("Idempotency-Key");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void givenSameKeyAndSameBody_whenSubmittedTwice_itAnswersTheSameApplication() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = applicants.any().body(4200);

        SystemClient.Answer first = post(key, body);
        SystemClient.Answer second = post(key, body.replace("4200", "4200.00"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
        assertThat(jdbc.queryForObject("select count(*) from loan_application where idempotency_key = ?",
                Integer.class, key)).isEqualTo(1);
    }

    @Test
    void givenSameKeyAndDifferentBody_whenSubmitted_itAnswers409AndChangesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        Applicants.Applicant applicant = applicants.any();
        SystemClient.Answer first = post(key, applicant.body(3000));
        int before = applications();

        SystemClient.Answer second = post(key, applicant.body(3500));

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(applications()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select amount from loan_application where idempotency_key = ?",
                java.math.BigDecimal.class, key)).isEqualByComparingTo("3000");
    }

    @Test
    void givenUnknownId_whenRead_itAnswers404Problem() throws Exception {
        SystemClient.Answer answer = get("/api/v1/applications/" + UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenApplicationNotInReview_whenOperatorApproves_itAnswers409() throws Exception {
        SystemClient.Answer submitted = post(UUID.randomUUID().toString(), applicants.creditworthy().body(2000));
        String id = submitted.body().get("id").asText();
        client.awaitSettled(id);

        SystemClient.Answer approve = client.post("/api/v1/applications/" + id + "/approve",
                "{\"note\":\"late\"}");

        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenRunningSystem_whenHealthAndDocsAreRead_theyAnswer() throws Exception {
        assertThat(get("/actuator/health").body().get("status").asText()).isEqualTo("UP");
        assertThat(get("/v3/api-docs").body().get("paths").has("/api/v1/applications")).isTrue();
    }

    private SystemClient.Answer submitWithOwnToken(String idempotencyKey, Applicants.Applicant applicant, String body)
            throws Exception {
        return client.submitAs(client.borrowerToken(applicant.phone()), idempotencyKey, body);
    }

    private static List<String> fields(SystemClient.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.body().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    @Test
    void givenAnIdempotencyKeyOver128Characters_whenSubmitted_itIs400NamingTheHeaderAndStoresNothing()
            throws Exception {
        Applicants.Applicant applicant = applicants.any();
        int before = applications();

        SystemClient.Answer answer = submitWithOwnToken("k".repeat(129), applicant, applicant.body(1000));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(fields(answer)).containsExactly("Idempotency-Key");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void givenAWronglyTypedField_whenSubmitted_itIs400NamingThatField() throws Exception {
        Applicants.Applicant applicant = applicants.any();
        int before = applications();

        SystemClient.Answer answer = submitWithOwnToken(UUID.randomUUID().toString(), applicant,
                applicant.body(1000).replace("\"amount\":1000", "\"amount\":\"abc\""));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(fields(answer)).containsExactly("amount");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void givenControlCharactersInNameOrPurpose_whenSubmitted_itIs400NamingThemAndStoresNothing() throws Exception {
        Applicants.Applicant applicant = applicants.any();
        int before = applications();
        String body = applicant.body(1000).replace("\"purpose\":\"rent\"", "\"purpose\":\"re\\u0000nt\"")
                .replace("\"name\":\"Test Borrower\"", "\"name\":\"Li\\u0007Wei\"");

        SystemClient.Answer answer = submitWithOwnToken(UUID.randomUUID().toString(), applicant, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(fields(answer)).contains("name", "purpose");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void givenPathsTheServerRejectsBeforeAnyController_whenRequested_theAnswerIsAProblemNotAnHtmlPage() throws Exception {
        String operator = client.operatorToken();
        // An encoded slash and an encoded backslash are refused by Tomcat itself, before Spring sees
        // the request; a semicolon path parameter and a double slash by the firewall.
        for (String path : new String[] {"/api/v1/applications/a%2Fb", "/api/v1/applications/a%5Cb",
                "/api/v1/applications/x;jsessionid=1", "/api/v1//applications", "/api/v1/applications/%00"}) {
            SystemClient.Answer answer = client.getAs(operator, path);

            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
            assertThat(answer.body().get("status").asInt()).as(path).isEqualTo(400);
        }
    }
}
