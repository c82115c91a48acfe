package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded defaults with {@code swiftlend.tls.enabled=true}: the API answers over HTTPS with
 * the certificate made at first start, plain HTTP gets no answer on that port, and the whole flow
 * still works (the simulators, standing for outside parties, are reached over their own
 * connector).
 */
@SystemTest
@TestPropertySource(properties = "swiftlend.tls.enabled=true")
@DirtiesContext
class TlsTest {

    @LocalServerPort
    int port;

    @Value("${server.ssl.key-store}")
    String keyStore;

    @Value("${server.ssl.key-store-password}")
    String keyStorePassword;

    @Test
    void givenTlsEnabled_whenApplyingOverHttps_itIsServedWithTheGeneratedCertificate() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(keyStore, keyStorePassword)).build();
        SystemClient client = new SystemClient("https://localhost:" + port, https);
        Applicants.Applicant applicant = new Applicants(port).any();

        HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        SystemClient.Answer submitted = client.submit(UUID.randomUUID().toString(), applicant.body(1500));
        JsonNode settled = client.awaitSettled(submitted.body().get("id").asText());

        assertThat(health.statusCode()).isEqualTo(200);
        SSLSession session = health.sslSession().orElseThrow();
        assertThat(((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName())
                .isEqualTo("CN=localhost");
        assertThat(submitted.status()).isEqualTo(202);
        assertThat(settled.get("riskChecks")).hasSize(5);
    }

    @Test
    void givenTlsEnabled_whenCallingOverPlainHttp_itIsNotServed() throws Exception {
        HttpResponse<String> plain;
        try {
            plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException refused) {
            return;
        }
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).doesNotContain("UP");
    }

    @Test
    void givenTheKeyStore_whenReadWithoutItsPassword_itIsRefused() {
        assertThatThrownBy(() -> trusting(keyStore, "not-the-password")).isInstanceOf(Exception.class);
    }

    private static SSLContext trusting(String keyStoreUri, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(URI.create(keyStoreUri)))) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
