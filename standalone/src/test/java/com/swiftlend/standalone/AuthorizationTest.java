package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.protection.index.BlindIndex;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Who may call what: every endpoint's required role, the denied cases, and ownership. */
@SystemTest
class AuthorizationTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    BlindIndex blindIndex;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JwtEncoder ourSigningKey;

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

    @Test
    void givenWrongGuessesSpreadOverFreshCodes_whenPastTheHourlyLimit_evenTheRightCodeAnswers429() throws Exception {
        String phone = applicants.any().phone();
        // Ten wrong guesses over three codes (5 burn the first, 4 on the second, 1 on the third):
        // each code alone is under its own limit of five, the phone is not.
        for (int guesses : new int[] {5, 4, 1}) {
            assertThat(askForCode(phone).status()).isEqualTo(202);
            String wrong = wrongCodeFor(client.lastCode(phone));
            for (int i = 0; i < guesses; i++) {
                assertThat(client.postAs(null, "/api/v1/auth/token", codeBody(phone, wrong)).status()).isEqualTo(401);
            }
            resendIntervalPasses(phone);
        }
        int smsBefore = client.get("/simulators/sms/messages?phone=" + phone).body().size();

        SystemClient.Answer right = client.postAs(null, "/api/v1/auth/token", codeBody(phone, client.lastCode(phone)));
        SystemClient.Answer another = askForCode(phone);

        assertThat(right.status()).isEqualTo(429);
        assertThat(right.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(another.status()).isEqualTo(429);
        assertThat(client.get("/simulators/sms/messages?phone=" + phone).body().size()).isEqualTo(smsBefore);
    }

    @Test
    void givenCodesAskedForAllDay_whenPastTheDailyCap_itAnswers429AndSendsNoSms() throws Exception {
        String phone = applicants.any().phone();
        for (int i = 0; i < 10; i++) {
            assertThat(askForCode(phone).status()).as("code %d", i + 1).isEqualTo(202);
            resendIntervalPasses(phone);
        }
        int smsBefore = client.get("/simulators/sms/messages?phone=" + phone).body().size();

        SystemClient.Answer eleventh = askForCode(phone);

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(eleventh.header("Retry-After"))).isPositive();
        assertThat(client.get("/simulators/sms/messages?phone=" + phone).body().size()).isEqualTo(smsBefore);
    }

    @Test
    void givenAStaffPasswordGuessedOnline_whenLockedOut_theRightPasswordWaitsAndEachNewLockIsLongerAndAudited()
            throws Exception {
        String username = "clerk-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into staff_account (username, password_hash, roles) values (?, ?, 'OPERATOR')", username,
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("right-password"));
        for (int i = 0; i < 5; i++) {
            assertThat(staffSignIn(username, "guess-" + i).status()).isEqualTo(401);
        }

        SystemClient.Answer firstLock = staffSignIn(username, "right-password");
        lockEnds(username);
        assertThat(staffSignIn(username, "guess-again").status()).isIn(401, 429);
        SystemClient.Answer secondLock = staffSignIn(username, "right-password");
        lockEnds(username);
        SystemClient.Answer afterTheLock = staffSignIn(username, "right-password");

        assertThat(firstLock.status()).isEqualTo(429);
        assertThat(firstLock.contentType()).startsWith("application/problem+json");
        assertThat(secondLock.status()).isEqualTo(429);
        assertThat(Long.parseLong(secondLock.header("Retry-After")))
                .isGreaterThan(Long.parseLong(firstLock.header("Retry-After")));
        assertThat(afterTheLock.status()).isEqualTo(200);
        List<JsonNode> locks = jdbc.queryForList("select payload::text from audit_record where kind = 'STAFF_LOCKED_OUT'"
                + " and payload->>'username' = ? order by sequence", String.class, username).stream()
                .map(AuthorizationTest::json).toList();
        assertThat(locks).hasSize(2);
        assertThat(locks.get(0).get("failures").asInt()).isEqualTo(5);
        assertThat(locks.get(1).get("lockSeconds").asLong()).isGreaterThan(locks.get(0).get("lockSeconds").asLong());
    }

    @Test
    void givenAnUnknownUsername_whenGuessedRepeatedly_itIsLockedOutLikeARealOne() throws Exception {
        String username = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            assertThat(staffSignIn(username, "guess-" + i).status()).isEqualTo(401);
        }

        assertThat(staffSignIn(username, "guess-5").status()).isEqualTo(429);
    }

    @Test
    void givenAStaffSignIn_theTokenLivesAtMostAnHour() throws Exception {
        SystemClient.Answer answer = staffSignIn("operator", SystemClient.DEMO_PASSWORD);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("expiresIn").asLong()).isBetween(1L, 3600L);
    }

    @Test
    void givenATokenWithOurSignatureMadeForAnotherAudience_whenCalling_itAnswers401() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer("swiftlend").subject("staff:operator")
                .issuedAt(now).expiresAt(now.plusSeconds(600)).claim("roles", List.of("OPERATOR"));
        String otherAudience = sign(claims.audience(List.of("swiftlend-reports")).id(UUID.randomUUID().toString()));
        String noAudience = sign(JwtClaimsSet.builder().issuer("swiftlend").subject("staff:operator").issuedAt(now)
                .expiresAt(now.plusSeconds(600)).claim("roles", List.of("OPERATOR")).id(UUID.randomUUID().toString()));

        assertThat(client.getAs(otherAudience, "/api/v1/channels").status()).isEqualTo(401);
        assertThat(client.getAs(noAudience, "/api/v1/channels").status()).isEqualTo(401);
        assertThat(client.getAs(client.operatorToken(), "/api/v1/channels").status()).isEqualTo(200);
    }

    @Test
    void givenASignedOutToken_whenUsedAgain_itAnswers401WhileAnotherSessionsTokenStillWorks() throws Exception {
        String session = staffSignIn("operator", SystemClient.DEMO_PASSWORD).body().get("accessToken").asText();
        String otherSession = staffSignIn("operator", SystemClient.DEMO_PASSWORD).body().get("accessToken").asText();
        assertThat(client.getAs(session, "/api/v1/channels").status()).isEqualTo(200);

        SystemClient.Answer signOut = client.postAs(session, "/api/v1/auth/sign-out", "");

        assertThat(signOut.status()).isEqualTo(204);
        SystemClient.Answer after = client.getAs(session, "/api/v1/channels");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.contentType()).startsWith("application/problem+json");
        assertThat(client.getAs(otherSession, "/api/v1/channels").status()).isEqualTo(200);
        assertThat(client.postAs(null, "/api/v1/auth/sign-out", "").status()).isEqualTo(401);
    }

    @Test
    void givenADisabledStaffAccount_itsLiveTokensStopAndItCannotSignInUntilEnabledAndTheChangesAreAudited()
            throws Exception {
        String username = "leaver-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into staff_account (username, password_hash, roles) values (?, ?, 'OPERATOR')", username,
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("leaver-password"));
        String live = staffSignIn(username, "leaver-password").body().get("accessToken").asText();
        assertThat(client.getAs(live, "/api/v1/channels").status()).isEqualTo(200);
        String admin = client.staffToken("admin");

        SystemClient.Answer byOperator = client.postAs(client.operatorToken(), "/api/v1/staff/" + username + "/disable",
                "");
        SystemClient.Answer disabled = client.postAs(admin, "/api/v1/staff/" + username + "/disable", "");

        assertThat(byOperator.status()).isEqualTo(403);
        assertThat(disabled.status()).as(String.valueOf(disabled.body())).isEqualTo(200);
        assertThat(disabled.body().get("enabled").asBoolean()).isFalse();
        SystemClient.Answer afterwards = client.getAs(live, "/api/v1/channels");
        assertThat(afterwards.status()).isEqualTo(401);
        assertThat(afterwards.contentType()).startsWith("application/problem+json");
        assertThat(staffSignIn(username, "leaver-password").status()).isEqualTo(401);
        assertThat(client.getAs(client.operatorToken(), "/api/v1/channels").status()).isEqualTo(200);

        SystemClient.Answer enabled = client.postAs(admin, "/api/v1/staff/" + username + "/enable", "");

        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.body().get("enabled").asBoolean()).isTrue();
        assertThat(client.getAs(live, "/api/v1/channels").status()).as("a token from before the disabling")
                .isEqualTo(401);
        String fresh = staffSignIn(username, "leaver-password").body().get("accessToken").asText();
        assertThat(client.getAs(fresh, "/api/v1/channels").status()).isEqualTo(200);
        List<JsonNode> changes = jdbc.queryForList("select payload::text from audit_record"
                + " where kind in ('STAFF_DISABLED', 'STAFF_ENABLED') and reference like ? order by sequence",
                String.class, username + ":%").stream().map(AuthorizationTest::json).toList();
        assertThat(changes).extracting(change -> change.get("change").asText()).containsExactly("DISABLED",
                "ENABLED");
        assertThat(changes).allSatisfy(change -> assertThat(change.get("by").asText()).isEqualTo("staff:admin"));
        SystemClient.Answer unknown = client.postAs(admin, "/api/v1/staff/nobody-" + UUID.randomUUID()
                .toString().substring(0, 8) + "/disable", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(client.postAs(admin, "/api/v1/staff/admin/disable", "").status()).as("disabling oneself")
                .isEqualTo(409);
    }

    private String sign(JwtClaimsSet.Builder claims) {
        return ourSigningKey.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims.build())).getTokenValue();
    }

    private SystemClient.Answer askForCode(String phone) throws Exception {
        return client.postAs(null, "/api/v1/auth/otp", "{\"phone\":\"" + phone + "\"}");
    }

    private SystemClient.Answer staffSignIn(String username, String password) throws Exception {
        return client.postAs(null, "/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static String codeBody(String phone, String code) {
        return "{\"phone\":\"" + phone + "\",\"code\":\"" + code + "\"}";
    }

    private static String wrongCodeFor(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    /** Stands for the 30 s a borrower waits before asking for another code: the guard's key expires. */
    private void resendIntervalPasses(String phone) {
        redis.delete("otp:{" + blindIndex.of(BlindIndex.PHONE, phone) + "}:resend");
    }

    /** Stands for the lock-out's back-off running out: the lock's key expires, its failures stay. */
    private void lockEnds(String username) {
        redis.delete("staff:{" + username + "}:lock");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
