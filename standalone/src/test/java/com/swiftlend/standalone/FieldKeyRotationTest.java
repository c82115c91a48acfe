package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.protection.field.FieldEncryption;
import com.swiftlend.protection.field.FieldKeyRotation;
import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.protection.keys.DataKeyRing;
import com.swiftlend.protection.keys.KeyPurpose;
import com.swiftlend.records.application.LoanApplicationRepository;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Key rotation and the upgrade from plaintext, on the running system: rows written under an older
 * FIELD key and rows written before encryption existed are brought under the active key by the
 * re-encryption job, and every one of them reads as before. The system runs in migration mode, as
 * it must for an upgrade from plaintext (outside it a plaintext value is refused: {@code
 * FieldEncryptionTest}), so it is a system of its own.
 */
@SystemTest
@TestPropertySource(properties = "swiftlend.protection.migration-mode=true")
// A whole second system: stop it after this class rather than keep it for the rest of the suite.
@DirtiesContext
class FieldKeyRotationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataKeyRing keys;

    @Autowired
    FieldKeyRotation rotation;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    BlindIndex blindIndex;

    @Autowired
    LoanApplicationRepository applications;

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    @Test
    void givenRowsUnderTheOldKeyAndLegacyPlaintext_whenKeyRotatedAndJobRuns_allAreUnderTheNewKeyAndStillRead()
            throws Exception {
        Applicants.Applicant encrypted = applicants.any();
        String encryptedId = submit(encrypted);
        client.awaitSettled(encryptedId);
        Applicants.Applicant legacy = applicants.any();
        UUID legacyId = insertLegacyApplication(legacy);
        Applicants.Applicant listed = applicants.creditworthy();
        jdbc.update("insert into blacklist_entry (legacy_id_number, reason) values (?, 'listed before V4')",
                listed.idNumber());

        int version = keys.rotate(KeyPurpose.FIELD);
        long rewritten = 0;
        FieldKeyRotation.Result result;
        int runs = 0;
        do {
            // A row a workflow updates while the job rewrites it is skipped and left for the next run.
            result = rotation.reencrypt();
            rewritten += result.rewritten();
        } while (result.skipped() > 0 && ++runs < 10);

        assertThat(result.keyVersion()).isEqualTo(version);
        assertThat(rewritten).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.queryForObject("""
                select count(*) from loan_application
                where applicant_name not like ? or id_number not like ? or phone not like ? or bank_card not like ?
                   or device_id not like ? or client_ip not like ?
                   or id_number_index is null or phone_index is null or device_id_index is null
                   or client_ip_index is null""", Integer.class,
                prefix(version), prefix(version), prefix(version), prefix(version), prefix(version),
                prefix(version))).isZero();
        assertThat(applications.findById(legacyId).orElseThrow().applicant().idNumber()).isEqualTo(legacy.idNumber());
        assertThat(applications.findById(UUID.fromString(encryptedId)).orElseThrow().applicant().bankCard())
                .isEqualTo(encrypted.bankCard());
        assertThat(client.get("/api/v1/applications/" + encryptedId).body().get("status").asText())
                .isIn("DISBURSED", "REJECTED", "MANUAL_REVIEW");
        assertThat(applications.findByIdNumberIndexOrderBySubmittedAt(blindIndex.of(BlindIndex.ID_NUMBER,
                legacy.idNumber()))).hasSize(1);
        assertThat(jdbc.queryForList("select row_to_json(t)::text from loan_application t", String.class))
                .noneMatch(row -> row.contains(legacy.idNumber()) || row.contains(legacy.bankCard())
                        || row.contains(legacy.deviceId()) || row.contains("127.0.0.1"));
        assertThat(applications.findById(legacyId).orElseThrow().applicant().deviceId()).isEqualTo(legacy.deviceId());
        assertThat(jdbc.queryForObject("select count(*) from blacklist_entry where legacy_id_number is not null"
                + " or legacy_phone is not null", Integer.class)).isZero();

        JsonNode status = client.awaitSettled(submit(listed));

        assertThat(status.get("status").asText()).isEqualTo("REJECTED");
        List<String> reasons = new ArrayList<>();
        status.get("decision").get("reasons").forEach(reason -> reasons.add(reason.asText()));
        assertThat(reasons).contains("BLACKLISTED");
    }

    @Test
    void givenKeyRotated_whenApplying_theNewApplicationIsStoredUnderTheNewVersion() throws Exception {
        int version = keys.rotate(KeyPurpose.FIELD);
        String id = submit(applicants.any());

        String stored = jdbc.queryForObject("select bank_card from loan_application where id = ?::uuid", String.class,
                id);

        assertThat(encryption.keyVersionOf(stored)).isEqualTo(version);
        assertThat(client.awaitSettled(id).get("status").asText()).isIn("DISBURSED", "REJECTED", "MANUAL_REVIEW");
    }

    private String submit(Applicants.Applicant applicant) throws Exception {
        SystemClient.Answer answer = client.submit(UUID.randomUUID().toString(), applicant.body(2000));
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asText();
    }

    /** A row as the system wrote it before V4: plaintext, no blind indexes (device and address too, as before V12). */
    private UUID insertLegacyApplication(Applicants.Applicant applicant) {
        UUID id = UUID.randomUUID();
        Timestamp submitted = Timestamp.from(Instant.now().minusSeconds(86_400));
        jdbc.update("""
                insert into loan_application (id, idempotency_key, request_fingerprint, applicant_name, id_number,
                    phone, bank_card, device_id, client_ip, amount, term_days, status, current_step, revision,
                    submitted_at, updated_at)
                values (?, ?, ?, 'Legacy Borrower', ?, ?, ?, ?, '127.0.0.1', 1000, 30, 'REJECTED', 'COMPLETED', 3,
                    ?, ?)""",
                id, UUID.randomUUID().toString(), "0".repeat(64), applicant.idNumber(), applicant.phone(),
                applicant.bankCard(), applicant.deviceId(), submitted, submitted);
        return id;
    }

    private static String prefix(int version) {
        return "v2." + version + ".%";
    }
}
