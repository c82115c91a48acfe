package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may call what: every endpoint's required role, the denied cases, and ownership. */
@SystemTest
class AuthorizationTest {

    @LocalServerPort
    int port;

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    private String submitted(Applicants.Applicant applicant) throws Exception {
        SystemClient.Answer answer = client.submit(UUID.randomUUID().toString(), applicant.body(1500));
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asText();
    }

    @Test
    void givenNoToken_whenCallingAnyProtectedEndpoint_itAnswers401Problem() throws Exception {
        Applicants.Applicant applicant = applicants.any();
        String id = UUID.randomUUID().toString();

        SystemClient.Answer submit = client.submitAs(null, UUID.randomUUID().toString(), applicant.body(1500));
        SystemClient.Answer read = client.getAs(null, "/api/v1/applications/" + id);
        SystemClient.Answer approve = client.postAs(null, "/api/v1/applications/" + id + "/approve", "{}");
        SystemClient.Answer reject = client.postAs(null, "/api/v1/applications/" + id + "/reject", "{}");
        SystemClient.Answer codec = client.postAs(null, "/codec/decode", "{\"payloads\":[]}");

        for (SystemClient.Answer answer : new SystemClient.Answer[] {submit, read, approve, reject, codec}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void givenTheMoneyOutEndpoints_whenCalledWithoutTheOperatorRole_theyAnswer401Or403Problems() throws Exception {
        String borrower = client.borrowerToken(applicants.any().phone());
        String editor = client.staffToken("editor");

        for (String path : new String[] {"/api/v1/ledger/trial-balance", "/api/v1/operations/payouts",
                "/api/v1/operations/disbursements", "/api/v1/channels"}) {
            SystemClient.Answer anonymous = client.getAs(null, path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            for (String token : new String[] {borrower, editor}) {
                SystemClient.Answer denied = client.getAs(token, path);
                assertThat(denied.status()).as(path).isEqualTo(403);
                assertThat(denied.contentType()).startsWith("application/problem+json");
            }
            assertThat(client.getAs(client.operatorToken(), path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void givenWrongRole_whenCallingAnEndpoint_itAnswers403() throws Exception {
        Applicants.Applicant applicant = applicants.any();
        String borrower = client.borrowerToken(applicant.phone());
        String operator = client.operatorToken();
        String editor = client.staffToken("editor");
        String id = submitted(applicant);

        assertThat(client.postAs(borrower, "/api/v1/applications/" + id + "/approve",
                "{\"note\":\"me\"}").status()).isEqualTo(403);
        assertThat(client.postAs(borrower, "/codec/decode", "{\"payloads\":[]}").status()).isEqualTo(403);
        assertThat(client.submitAs(operator, UUID.randomUUID().toString(), applicant.body(1500)).status())
                .isEqualTo(403);
        assertThat(client.getAs(editor, "/api/v1/applications/" + id).status()).isEqualTo(403);
        assertThat(client.postAs(editor, "/api/v1/applications/" + id + "/reject", "{\"note\":\"e\"}").status())
                .isEqualTo(403);
    }

    @Test
    void givenRightRole_whenCallingEachEndpoint_itIsServed() throws Exception {
        Applicants.Applicant applicant = applicants.any();
        String borrower = client.borrowerToken(applicant.phone());
        String id = submitted(applicant);

        assertThat(client.getAs(borrower, "/api/v1/applications/" + id).status()).isEqualTo(200);
        assertThat(client.getAs(client.operatorToken(), "/api/v1/applications/" + id).status()).isEqualTo(200);
        assertThat(client.postAs(client.operatorToken(), "/codec/decode", "{\"payloads\":[]}").status())
                .isEqualTo(200);
    }

    @Test
    void givenAnotherBorrowersApplication_whenRead_itAnswers404AsIfAbsent() throws Exception {
        String id = submitted(applicants.any());
        String stranger = client.borrowerToken(applicants.any().phone());

        assertThat(client.getAs(stranger, "/api/v1/applications/" + id).status()).isEqualTo(404);
    }

    @Test
    void givenBorrowerToken_whenApplyingWithAnotherPhone_itAnswers403AndStoresNothing() throws Exception {
        Applicants.Applicant me = applicants.any();
        Applicants.Applicant someoneElse = applicants.any();

        SystemClient.Answer answer = client.submitAs(client.borrowerToken(me.phone()), UUID.randomUUID().toString(),
                someoneElse.body(1500));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenOneTimeCode_whenUsedTwice_theSecondUseFails() throws Exception {
        String phone = applicants.any().phone();
        client.postAs(null, "/api/v1/auth/otp", "{\"phone\":\"" + phone + "\"}");
        String code = client.lastCode(phone);
        String body = "{\"phone\":\"" + phone + "\",\"code\":\"" + code + "\"}";

        SystemClient.Answer first = client.postAs(null, "/api/v1/auth/token", body);
        SystemClient.Answer second = client.postAs(null, "/api/v1/auth/token", body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(first.body().get("expiresIn").asLong()).isPositive();
        assertThat(second.status()).isEqualTo(401);
    }

    @Test
    void givenWrongCodes_whenGuessingPastTheLimit_evenTheRightCodeIsBurnt() throws Exception {
        String phone = applicants.any().phone();
        client.postAs(null, "/api/v1/auth/otp", "{\"phone\":\"" + phone + "\"}");
        String code = client.lastCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int i = 0; i < 5; i++) {
            assertThat(client.postAs(null, "/api/v1/auth/token",
                    "{\"phone\":\"" + phone + "\",\"code\":\"" + wrong + "\"}").status()).isEqualTo(401);
        }
        SystemClient.Answer right = client.postAs(null, "/api/v1/auth/token",
                "{\"phone\":\"" + phone + "\",\"code\":\"" + code + "\"}");

        assertThat(right.status()).isEqualTo(401);
    }

    @Test
    void givenCodeJustSent_whenAskingAgainAtOnce_itAnswers429() throws Exception {
        String phone = applicants.any().phone();

        SystemClient.Answer first = client.postAs(null, "/api/v1/auth/otp", "{\"phone\":\"" + phone + "\"}");
        SystemClient.Answer second = client.postAs(null, "/api/v1/auth/otp", "{\"phone\":\"" + phone + "\"}");

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(429);
    }

    @Test
    void givenStaffWithWrongPassword_whenSigningIn_itAnswers401() throws Exception {
        SystemClient.Answer answer = client.postAs(null, "/api/v1/auth/token",
                "{\"username\":\"operator\",\"password\":\"not-the-password\"}");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenForgedToken_whenCalling_itAnswers401() throws Exception {
        String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzdGFmZjpvcGVyYXRvciIsInJvbGVzIjpbIk9QRVJBVE9SIl19.";

        assertThat(client.getAs(forged, "/api/v1/applications/" + UUID.randomUUID()).status()).isEqualTo(401);
    }
}
