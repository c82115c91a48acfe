package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.records.audit.ConsentSeal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personal data at rest (issue 4): after applications went through the whole system, the database
 * read with plain SQL, as anyone with a dump or a read-only login would, holds no ID, card or phone
 * number and no name, while the system still works with them.
 */
@SystemTest
class PersonalDataAtRestTest {

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedInfrastructure.Running embedded;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BlindIndex blindIndex;

    @Autowired
    LoanApplicationRepository applications;

    @Autowired
    ConsentSeal consentSeal;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    /** An applicant with a name of their own, so it can be looked for. */
    private record Person(String name, Applicants.Applicant applicant) {

        String body() {
            return applicant.body(2000).replace("Test Borrower", name);
        }

        /** Every form a value could be stored in: as given, and without its formatting. */
        List<String> secrets() {
            String id = applicant.idNumber();
            String phone = applicant.phone();
            return List.of(id, id.toLowerCase(), id.substring(0, 17), applicant.bankCard(), phone,
                    "+86" + phone, phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7),
                    phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7), name,
                    applicant.deviceId());
        }
    }

    private Person person(Applicants.Applicant applicant) {
        return new Person("Qiao Atrest" + (char) ('a' + Math.floorMod(applicant.idNumber().hashCode(), 26)),
                applicant);
    }

    private String submit(Person person) throws Exception {
        SystemClient.Answer answer = client.submit(UUID.randomUUID().toString(), person.body());
        assertThat(answer.status()).isEqualTo(202);
        return answer.body().get("id").asText();
    }

    @Test
    void givenSettledApplications_whenEveryTableIsReadAsText_noIdCardPhoneOrNameIsThere() throws Exception {
        List<Person> people = List.of(person(applicants.creditworthy()), person(applicants.any()),
                person(applicants.any()));
        List<String> ids = new ArrayList<>();
        for (Person person : people) {
            ids.add(submit(person));
        }
        for (String id : ids) {
            JsonNode status = client.awaitSettled(id);
            assertThat(status.get("status").asText()).isIn("DISBURSED", "REJECTED", "MANUAL_REVIEW");
        }
        assertThat(client.awaitSettled(ids.get(0)).get("status").asText()).isEqualTo("DISBURSED");

        List<String> rows = everyRowOfEveryTable();

        assertThat(rows).anyMatch(row -> row.contains(ids.get(0)));
        for (Person person : people) {
            for (String secret : person.secrets()) {
                assertThat(rows).as("rows holding %s", secret).noneMatch(row -> row.contains(secret));
            }
        }
    }

    @Test
    void givenStoredApplication_whenReadThroughJpa_itIsPlaintextAndFindableByBlindIndexOnly() throws Exception {
        Person person = person(applicants.any());
        String id = submit(person);
        client.awaitSettled(id);

        LoanApplication application = applications.findById(UUID.fromString(id)).orElseThrow();
        String storedIdNumber = jdbc.queryForObject("select id_number from loan_application where id = ?::uuid",
                String.class, id);

        assertThat(application.applicant().idNumber()).isEqualTo(person.applicant().idNumber());
        assertThat(application.applicant().bankCard()).isEqualTo(person.applicant().bankCard());
        assertThat(application.applicant().name()).isEqualTo(person.name());
        assertThat(storedIdNumber).startsWith("v2.");
        assertThat(applications.findByIdNumberIndexOrderBySubmittedAt(
                blindIndex.of(BlindIndex.ID_NUMBER, person.applicant().idNumber())))
                .extracting(LoanApplication::getId).containsExactly(UUID.fromString(id));
        assertThat(applications.findByPhoneIndexOrderBySubmittedAt(
                blindIndex.of(BlindIndex.PHONE, person.applicant().phone())))
                .extracting(LoanApplication::getId).contains(UUID.fromString(id));
    }

    @Test
    void givenStoredApplication_itsDeviceAndAddressAreBlindIndexedAndEncryptedInTheRowAndTheConsent()
            throws Exception {
        Person person = person(applicants.any());
        String id = submit(person);
        client.awaitSettled(id);
        String deviceIndex = blindIndex.of(BlindIndex.DEVICE, person.applicant().deviceId());
        String addressIndex = blindIndex.of(BlindIndex.CLIENT_IP, "127.0.0.1");

        Map<String, Object> row = jdbc.queryForMap("""
                select device_id, client_ip, device_id_index, client_ip_index from loan_application
                where id = ?::uuid""", id);
        JsonNode consent = JSON.readTree(jdbc.queryForObject(
                "select payload::text from audit_record where kind = 'CONSENT' and reference = ?", String.class, id));

        assertThat((String) row.get("device_id")).startsWith("v2.").doesNotContain(person.applicant().deviceId());
        assertThat((String) row.get("client_ip")).startsWith("v2.").doesNotContain("127.0.0.1");
        assertThat(row.get("device_id_index")).isEqualTo(deviceIndex);
        assertThat(row.get("client_ip_index")).isEqualTo(addressIndex);
        assertThat(consent.toString()).doesNotContain(person.applicant().deviceId()).doesNotContain("127.0.0.1");
        assertThat(consent.get("deviceIdIndex").asText()).isEqualTo(deviceIndex);
        assertThat(consent.get("clientIpIndex").asText()).isEqualTo(addressIndex);
        assertThat(consentSeal.open(UUID.fromString(id), consent.get("deviceId").asText(), ConsentSeal.DEVICE_ID))
                .isEqualTo(person.applicant().deviceId());
        assertThat(consentSeal.open(UUID.fromString(id), consent.get("clientIp").asText(), ConsentSeal.CLIENT_IP))
                .isEqualTo("127.0.0.1");
        LoanApplication application = applications.findById(UUID.fromString(id)).orElseThrow();
        assertThat(application.applicant().deviceId()).isEqualTo(person.applicant().deviceId());
        assertThat(application.applicant().clientIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void givenCiphertextCopiedFromAnotherApplicationsRow_whenRead_itIsRefused() throws Exception {
        Person mine = person(applicants.any());
        Person theirs = person(applicants.any());
        String myId = submit(mine);
        String theirId = submit(theirs);
        client.awaitSettled(myId);
        client.awaitSettled(theirId);
        String myCard = jdbc.queryForObject("select bank_card from loan_application where id = ?::uuid", String.class,
                myId);
        String theirCard = jdbc.queryForObject("select bank_card from loan_application where id = ?::uuid",
                String.class, theirId);

        // Someone who can write the database pays my loan to their card, without any key.
        jdbc.update("update loan_application set bank_card = ? where id = ?::uuid", theirCard, myId);
        try {
            assertThatThrownBy(() -> applications.findById(UUID.fromString(myId)))
                    .hasStackTraceContaining("another column or row")
                    .satisfies(refusal -> assertThat(stackTrace(refusal)).doesNotContain(theirs.applicant().bankCard()));
        } finally {
            jdbc.update("update loan_application set bank_card = ? where id = ?::uuid", myCard, myId);
        }
        assertThat(applications.findById(UUID.fromString(myId)).orElseThrow().applicant().bankCard())
                .isEqualTo(mine.applicant().bankCard());
    }

    private static String stackTrace(Throwable thrown) {
        java.io.StringWriter out = new java.io.StringWriter();
        thrown.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    @Test
    void givenBlacklistEntryByBlindIndex_whenApplying_itIsRejectedAsBlacklisted() throws Exception {
        Person person = person(applicants.creditworthy());
        jdbc.update("insert into blacklist_entry (id_number_index, reason) values (?, 'confirmed fraud')",
                blindIndex.of(BlindIndex.ID_NUMBER, person.applicant().idNumber()));

        JsonNode status = client.awaitSettled(submit(person));

        assertThat(status.get("status").asText()).isEqualTo("REJECTED");
        List<String> reasons = new ArrayList<>();
        status.get("decision").get("reasons").forEach(reason -> reasons.add(reason.asText()));
        assertThat(reasons).contains("BLACKLISTED");
        assertThat(everyRowOfEveryTable()).noneMatch(row -> row.contains(person.applicant().idNumber()));
    }

    @Test
    void givenSettledApplication_whenEveryFilePostgresWroteIsRead_noneHoldsItsIdCardOrPhone() throws Exception {
        Person person = person(applicants.any());
        client.awaitSettled(submit(person));
        // Flush shared buffers to the data files too, not only the WAL.
        jdbc.execute("checkpoint");

        Path dataDirectory = embedded.dataDirectory();
        List<String> secrets = List.of(person.applicant().idNumber(), person.applicant().bankCard(),
                person.applicant().phone());
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            List<Path> holding = files.filter(Files::isRegularFile).filter(Files::isReadable)
                    .filter(file -> holdsAny(file, secrets)).toList();
            assertThat(holding).isEmpty();
        }
    }

    @Test
    void givenEmbeddedDefault_whenStarted_itsKeyFileIsReadableByItsOwnerOnly() throws Exception {
        Path keyFile = embedded.dataDirectory().resolve("keys").resolve("local-kek");

        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        assertThat(jdbc.queryForList("select kms_key_id from data_key", String.class)).allMatch(
                id -> id.startsWith("local-"));
    }

    private List<String> everyRowOfEveryTable() {
        List<String> tables = jdbc.queryForList("""
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE'
                  and table_name <> 'flyway_schema_history'""", String.class);
        assertThat(tables).contains("loan_application", "blacklist_entry", "data_key");
        List<String> rows = new ArrayList<>();
        for (String table : tables) {
            rows.addAll(jdbc.queryForList("select row_to_json(t)::text from \"" + table + "\" t", String.class));
        }
        return rows;
    }

    private static boolean holdsAny(Path file, List<String> secrets) {
        try {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return secrets.stream().anyMatch(content::contains);
        } catch (IOException e) {
            return false;
        }
    }
}
