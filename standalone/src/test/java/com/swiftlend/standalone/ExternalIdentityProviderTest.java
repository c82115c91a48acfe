package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.swiftlend.protection.index.BlindIndex;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Borrowers signed in by an identity provider other than this system: a second issuer, with a key
 * generated here, is trusted by configuration, and its subjects are mapped to borrowers through
 * the {@code borrower_identity} table, so the principal does not depend on a claim only this
 * system issues. A whole second system (the trusted issuers are start-up configuration).
 */
@SystemTest
@DirtiesContext
class ExternalIdentityProviderTest {

    private static final String IDP = "https://idp.example.test";
    private static final RSAKey IDP_KEY = generated();
    private static final RSAKey STRANGER_KEY = generated();

    @DynamicPropertySource
    static void trustTheProvider(DynamicPropertyRegistry registry) throws Exception {
        registry.add("swiftlend.auth.external-issuers[0].issuer", () -> IDP);
        registry.add("swiftlend.auth.external-issuers[0].public-key",
                () -> publicKey(IDP_KEY));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BlindIndex blindIndex;

    @Test
    void givenAProviderSubjectMappedToABorrower_whenItsTokenIsUsed_theBorrowerAppliesAndReadsTheirOwnApplication()
            throws Exception {
        Applicants.Applicant applicant = new Applicants(port).any();
        String subject = "user-" + UUID.randomUUID();
        jdbc.update("insert into borrower_identity (issuer, subject, phone_index) values (?, ?, ?)", IDP, subject,
                blindIndex.of(BlindIndex.PHONE, applicant.phone()));
        String token = sign(IDP_KEY, IDP, subject, "swiftlend-api");
        SystemClient client = new SystemClient(port);

        SystemClient.Answer submitted = client.submitAs(token, UUID.randomUUID().toString(), applicant.body(1500));

        assertThat(submitted.status()).isEqualTo(202);
        String id = submitted.body().get("id").asText();
        assertThat(client.getAs(token, "/api/v1/applications/" + id).status()).isEqualTo(200);
    }

    @Test
    void givenAProviderSubjectNotMapped_whenApplying_itIsRefusedAndStoresNothing() throws Exception {
        Applicants.Applicant applicant = new Applicants(port).any();
        int before = jdbc.queryForObject("select count(*) from loan_application", Integer.class);

        SystemClient.Answer answer = new SystemClient(port).submitAs(sign(IDP_KEY, IDP, "user-unknown", "swiftlend-api"),
                UUID.randomUUID().toString(), applicant.body(1500));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("select count(*) from loan_application", Integer.class)).isEqualTo(before);
    }

    @Test
    void givenTokensOfAnUntrustedKeyOrIssuerOrAudience_whenCalling_theyAnswer401() throws Exception {
        Applicants.Applicant applicant = new Applicants(port).any();
        String subject = "user-" + UUID.randomUUID();
        jdbc.update("insert into borrower_identity (issuer, subject, phone_index) values (?, ?, ?)", IDP, subject,
                blindIndex.of(BlindIndex.PHONE, applicant.phone()));
        SystemClient client = new SystemClient(port);

        for (String token : List.of(sign(STRANGER_KEY, IDP, subject, "swiftlend-api"),
                sign(IDP_KEY, "https://other-idp.example.test", subject, "swiftlend-api"),
                sign(IDP_KEY, "swiftlend", "borrower:" + blindIndex.of(BlindIndex.PHONE, applicant.phone()),
                        "swiftlend-api"),
                sign(IDP_KEY, IDP, subject, "someone-else"))) {
            SystemClient.Answer answer = client.submitAs(token, UUID.randomUUID().toString(), applicant.body(1500));
            assertThat(answer.status()).isEqualTo(401);
        }
    }

    private static String sign(RSAKey key, String issuer, String subject, String audience) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("roles", List.of("BORROWER")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey generated() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKey(RSAKey key) {
        try {
            return Base64.getEncoder().encodeToString(key.toRSAPublicKey().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
