package com.swiftlend.standalone;

import com.swiftlend.protection.index.BlindIndex;
import java.time.Instant;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Rate limiting at the edge, through real HTTP against a second running system whose limits are
 * low (the shared system keeps the shipped, generous ones). Java's HttpClient cannot choose its
 * source address, so requests go over plain sockets bound to loopback addresses: Linux routes all
 * of 127/8 to the loopback interface, so each address is a distinct client to the server. Every
 * test uses its own addresses, devices and ID numbers, so the tests do not share a bucket.
 */
@SystemTest
@TestPropertySource(properties = {
    "swiftlend.rate-limits.client-ip.capacity=5",
    "swiftlend.rate-limits.client-ip.refill-period=1000s",
    "swiftlend.rate-limits.device.capacity=2",
    "swiftlend.rate-limits.device.refill-period=1000s",
    // One token a second, so the refill test waits only that long. Where one submission must be
    // refused, two are sent at once: both are counted (before intake) within milliseconds of each
    // other, however long a cold system takes to store the first.
    "swiftlend.rate-limits.borrower.capacity=1",
    "swiftlend.rate-limits.borrower.refill-period=1s",
    "swiftlend.rate-limits.decoder.capacity=2",
    "swiftlend.rate-limits.decoder.refill-period=1000s"
})
// A whole second system: stop it after this class rather than keep it for the rest of the suite.
@DirtiesContext
class RateLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    BlindIndex blindIndex;

    private final ObjectMapper json = new ObjectMapper();
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        applicants = new Applicants(port);
    }

    /** One HTTP exchange as the server answered it; header names in lower case. */
    record Exchange(int status, Map<String, String> headers, JsonNode body) {
    }

    @Test
    void givenBurstFromOneAddress_whenOverItsLimit_itAnswers429WithRetryAfterWhileAnotherAddressIsServed()
            throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(submitFrom("127.0.0.1", applicants.any()).status()).isEqualTo(202);
        }
        int stored = applications();

        Exchange refused = submitFrom("127.0.0.1", applicants.any());
        Exchange other = submitFrom("127.0.0.2", applicants.any());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.headers().get("retry-after"));
        // Five tokens gone, one back every 1000 s.
        assertThat(retryAfter).isBetween(900L, 1000L);
        assertThat(refused.body().get("type").asText()).isEqualTo("https://swiftlend.dev/problems/rate-limited");
        assertThat(refused.body().get("status").asInt()).isEqualTo(429);
        assertThat(refused.body().get("dimension").asText()).isEqualTo("client-ip");
        assertThat(refused.body().get("detail").asText()).contains("client address").doesNotContain("127.0.0.1");
        assertThat(refused.body().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertThat(other.status()).isEqualTo(202);
        assertThat(applications()).isEqualTo(stored + 1);
        // Only the API is limited: the simulators (the outside parties) still answer that address.
        assertThat(exchange("127.0.0.1", "GET", "/simulators/sms/messages?phone=13900000000", null).status())
                .isEqualTo(200);
    }

    @Test
    void givenOneDeviceFromManyAddresses_whenOverTheDeviceLimit_itAnswers429NamingTheDevice() throws Exception {
        String device = "shared-device-" + UUID.randomUUID();

        Exchange first = submitFrom("127.0.0.11", withDevice(applicants.any(), device));
        Exchange second = submitFrom("127.0.0.12", withDevice(applicants.any(), device));
        Exchange third = submitFrom("127.0.0.13", withDevice(applicants.any(), device));
        Exchange otherDevice = submitFrom("127.0.0.14", applicants.any());

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers()).containsKey("retry-after");
        assertThat(third.body().get("dimension").asText()).isEqualTo("device");
        assertThat(third.body().get("detail").asText()).contains("this device").doesNotContain(device);
        assertThat(otherDevice.status()).isEqualTo(202);
    }

    @Test
    void givenOneBorrowerFromManyAddressesAndDevices_whenOverTheBorrowerLimit_itAnswers429NamingTheBorrower()
            throws Exception {
        Applicants.Applicant borrower = applicants.any();

        List<Exchange> both = submitTogether(Map.of("127.0.0.21", borrower,
                "127.0.0.22", withDevice(borrower, "another-device-" + UUID.randomUUID())));

        assertThat(both).extracting(Exchange::status).containsExactlyInAnyOrder(202, 429);
        Exchange refused = refusedOf(both);
        assertThat(refused.headers().get("retry-after")).isEqualTo("1");
        assertThat(refused.body().get("dimension").asText()).isEqualTo("borrower");
        assertThat(refused.body().get("detail").asText()).contains("this borrower")
                .doesNotContain(borrower.idNumber());
    }

    @Test
    void givenBorrowerRefused_whenARefillPeriodHasPassed_itIsServedAgainFromTheStateInRedis() throws Exception {
        Applicants.Applicant borrower = applicants.any();
        List<Exchange> both = submitTogether(Map.of("127.0.0.31", borrower,
                "127.0.0.32", withDevice(borrower, "second-device-" + UUID.randomUUID())));
        assertThat(both).extracting(Exchange::status).containsExactlyInAnyOrder(202, 429);
        Exchange refused = refusedOf(both);

        Thread.sleep(Long.parseLong(refused.headers().get("retry-after")) * 1_000 + 100);
        Exchange again = submitFrom("127.0.0.33", withDevice(borrower, "third-device-" + UUID.randomUUID()));

        assertThat(again.status()).isEqualTo(202);
        Set<String> buckets = redis.keys("rate:*");
        assertThat(buckets).anyMatch(key -> key.startsWith("rate:borrower:"))
                .anyMatch(key -> key.startsWith("rate:client-ip:"))
                .allMatch(key -> key.matches("rate:(client-ip|device|borrower|decoder):[0-9a-f]{64}"));
    }

    @Test
    void givenAnOperatorDecodingPayloadsInBulk_whenOverTheDecoderLimit_itAnswers429AndAuditsNoRefusedDecode()
            throws Exception {
        SystemClient client = new SystemClient(port);
        String token = signed("staff:operator", "OPERATOR");
        String empty = "{\"payloads\":[]}";
        assertThat(client.postAs(token, "/codec/decode", empty).status()).isEqualTo(200);
        assertThat(client.postAs(token, "/codec/decode", empty).status()).isEqualTo(200);
        int audited = jdbc.queryForObject("select count(*) from audit_record where kind = 'PAYLOADS_DECODED'",
                Integer.class);

        SystemClient.Answer third = client.postAs(token, "/codec/decode", empty);

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.contentType()).startsWith("application/problem+json");
        assertThat(third.body().get("dimension").asText()).isEqualTo("decoder");
        assertThat(client.postAs(token, "/codec/encode", empty).status()).as("encoding reveals nothing").isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where kind = 'PAYLOADS_DECODED'",
                Integer.class)).isEqualTo(audited);
    }

    private static Applicants.Applicant withDevice(Applicants.Applicant applicant, String device) {
        return new Applicants.Applicant(applicant.idNumber(), device, applicant.phone(), applicant.bankCard());
    }

    /** Sends the submissions at the same moment, each from its own address. */
    private List<Exchange> submitTogether(Map<String, Applicants.Applicant> bySource) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(bySource.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Exchange>> sent = new ArrayList<>();
            bySource.forEach((source, applicant) -> sent.add(senders.submit(() -> {
                start.await();
                return submitFrom(source, applicant);
            })));
            start.countDown();
            List<Exchange> answers = new ArrayList<>();
            for (Future<Exchange> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            senders.shutdownNow();
        }
    }

    private static Exchange refusedOf(List<Exchange> exchanges) {
        return exchanges.stream().filter(exchange -> exchange.status() == 429).findFirst().orElseThrow();
    }

    private int applications() {
        return jdbc.queryForObject("select count(*) from loan_application", Integer.class);
    }

    private Exchange submitFrom(String sourceAddress, Applicants.Applicant applicant) throws IOException {
        return exchange(sourceAddress, "POST", "/api/v1/applications", applicant.body(3000),
                borrowerToken(applicant.phone()));
    }

    /**
     * Signed as the API would sign it after a one-time code. Signing in through the API would
     * spend the very per-address tokens these tests count; sign-in is AuthorizationTest's matter.
     */
    private String borrowerToken(String phone) {
        return signed("borrower:" + blindIndex.of(BlindIndex.PHONE, phone), "BORROWER");
    }

    private String signed(String subject, String role) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("swiftlend")
                .audience(List.of("swiftlend-api"))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(600))
                .claim("roles", List.of(role))
                .build();
        return jwtEncoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    /** A hand-written HTTP/1.1 exchange from a socket bound to {@code sourceAddress}. */
    private Exchange exchange(String sourceAddress, String method, String path, String body) throws IOException {
        return exchange(sourceAddress, method, path, body, null);
    }

    private Exchange exchange(String sourceAddress, String method, String path, String body, String token)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Accept: application/json, application/problem+json\r\n")
                    .append("Connection: close\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\n")
                        .append("Idempotency-Key: ").append(UUID.randomUUID()).append("\r\n")
                        .append("Content-Length: ").append(content.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private Exchange parse(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int endOfHead = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, endOfHead).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] content = Arrays.copyOfRange(response, endOfHead + 4, response.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            content = unchunk(content);
        }
        return new Exchange(status, headers, content.length == 0 ? null : json.readTree(content));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int endOfSize = indexOfCrLf(chunked, at);
            String sizeLine = new String(chunked, at, endOfSize - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return content.toByteArray();
            }
            content.write(chunked, endOfSize + 2, size);
            at = endOfSize + 2 + size + 2;
        }
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("no CRLF after " + from);
    }
}
