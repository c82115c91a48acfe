package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.swiftlend.records.audit.AuditChainVerifier;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.records.audit.AuditVerification;
import com.swiftlend.records.audit.VerifyAuditTrail;
import com.swiftlend.workflows.decision.DecisionRequest;
import com.swiftlend.workflows.decision.LoanDecisioning;
import com.swiftlend.workflows.risk.BlacklistScreening;
import com.swiftlend.workflows.risk.BureauReport;
import com.swiftlend.workflows.risk.DeviceAssessment;
import com.swiftlend.workflows.risk.FraudAssessment;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskProfile;
import com.swiftlend.workflows.risk.VelocityFeatures;
import com.swiftlend.workflows.scoring.CreditScore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail of the running system: what settled applications leave in it, that the database
 * refuses to change it, and that the verifier catches a record altered or removed behind the
 * database's back. The suite shares one database, so the whole chain is verified but only this
 * class's own applications are asserted on; every tampering is undone before the test ends.
 */
@SystemTest
class AuditTrailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditTrail audit;

    @Autowired
    LoanDecisioning decisioning;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    /** The applicant's body with the consent a borrower's app sends. */
    static String withConsent(String body) throws Exception {
        ObjectNode application = (ObjectNode) JSON.readTree(body);
        application.putObject("consent")
                .put("termsVersion", "2026-11-01")
                .put("shownAt", "2026-11-02T09:15:30.250Z")
                .put("accepted", true);
        return JSON.writeValueAsString(application);
    }

    private String settle(Applicants.Applicant applicant, String expectedStatus) throws Exception {
        SystemClient.Answer answer = client.submit(UUID.randomUUID().toString(), withConsent(applicant.body(3000)));
        assertThat(answer.status()).isEqualTo(202);
        String id = answer.body().get("id").asText();
        assertThat(client.awaitSettled(id).get("status").asText()).isEqualTo(expectedStatus);
        return id;
    }

    private String disbursed() throws Exception {
        return settle(applicants.creditworthy(), "DISBURSED");
    }

    private String rejected() throws Exception {
        return settle(applicants.find(report -> true, "DENY"), "REJECTED");
    }

    private List<Map<String, Object>> records(String applicationId) {
        return jdbc.queryForList("""
                select sequence, kind, reference, payload::text as payload from audit_record
                where application_id = ?::uuid order by sequence""", applicationId);
    }

    private long sequenceOf(String kind, String reference) {
        return jdbc.queryForObject("select sequence from audit_record where kind = ? and reference = ?", Long.class,
                kind, reference);
    }

    private AuditVerification verify() {
        return new AuditChainVerifier(dataSource).verify();
    }

    /** As the table's owner would, bypassing the append-only trigger, in one transaction. */
    private void behindTheTriggersBack(String sql, Object... arguments) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("alter table audit_record disable trigger all");
            jdbc.update(sql, arguments);
            jdbc.execute("alter table audit_record enable trigger all");
        });
    }

    private static JsonNode json(Object text) throws Exception {
        return JSON.readTree((String) text);
    }

    @Test
    void givenOneDisbursedAndOneRejectedApplication_whenSettled_theChainVerifiesAndHoldsEachStep() throws Exception {
        String paid = disbursed();
        String refused = rejected();

        AuditVerification verification = verify();

        assertThat(verification.intact()).as(verification.toString()).isTrue();
        assertThat(verification.headSequence()).isEqualTo(verification.recordsChecked());

        List<Map<String, Object>> paidRecords = records(paid);
        assertThat(paidRecords).extracting(row -> row.get("kind"))
                .containsExactly("CONSENT", "DECISION", "FUNDING", "PAYOUT_REQUESTED", "PAYOUT_RESULT");
        JsonNode consent = json(paidRecords.get(0).get("payload"));
        assertThat(consent.get("termsVersion").asText()).isEqualTo("2026-11-01");
        assertThat(consent.get("shownAt").asText()).isEqualTo("2026-11-02T09:15:30.250Z");
        assertThat(consent.get("accepted").asBoolean()).isTrue();
        // Evidence of where the consent came from, blind-indexed and encrypted (PersonalDataAtRestTest).
        assertThat(consent.get("clientIpIndex").asText()).matches("[0-9a-f]{64}");
        assertThat(consent.get("deviceIdIndex").asText()).matches("[0-9a-f]{64}");
        assertThat(consent.get("deviceId").asText()).startsWith("v2.");
        JsonNode decision = json(paidRecords.get(1).get("payload"));
        assertThat(decision.get("outcome").asText()).isEqualTo("APPROVE");
        assertThat(decision.get("inputsDigest").asText()).matches("[0-9a-f]{64}");
        assertThat(decision.get("riskSources").findValuesAsText("source")).containsExactly("CREDIT_BUREAU",
                "ANTI_FRAUD", "BLACKLIST", "DEVICE", "VELOCITY");
        assertThat(decision.get("modelVersion").asText()).isEqualTo(com.swiftlend.scoring.ShippedModel.VERSION);
        assertThat(decision.get("probabilityOfDefault").isNumber()).isTrue();
        assertThat(decision.get("ruleSetVersion").asText()).isNotBlank();
        assertThat(decision.get("reasons")).isNotEmpty();
        JsonNode funding = json(paidRecords.get(2).get("payload"));
        assertThat(funding.get("event").asText()).isEqualTo("APPROVED");
        assertThat(funding.get("funder").asText()).isNotBlank();
        JsonNode requested = json(paidRecords.get(3).get("payload"));
        assertThat(paidRecords.get(3).get("reference")).isEqualTo(paid + ":payout:1");
        assertThat(requested.get("idempotencyKey").asText()).isEqualTo(paid + ":payout:1");
        assertThat(requested.get("amount").decimalValue()).isEqualByComparingTo("3000");
        assertThat(requested.get("channel").asText()).isNotBlank();
        JsonNode result = json(paidRecords.get(4).get("payload"));
        assertThat(result.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.get("channelReference").asText()).isNotBlank();

        List<Map<String, Object>> refusedRecords = records(refused);
        assertThat(refusedRecords).extracting(row -> row.get("kind")).containsExactly("CONSENT", "DECISION");
        JsonNode refusal = json(refusedRecords.get(1).get("payload"));
        assertThat(refusal.get("outcome").asText()).isEqualTo("REJECT");
        assertThat(refusal.get("reasons").toString()).contains("FRAUD_SUSPECTED");
    }

    @Test
    void givenSettledApplication_whenReadingItsAuditRecords_noneHoldsTheIdCardOrPhoneNumber() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        String id = settle(applicant, "DISBURSED");

        assertThat(records(id)).hasSize(5).allSatisfy(row -> assertThat((String) row.get("payload"))
                .doesNotContain(applicant.idNumber(), applicant.bankCard(), applicant.phone()));
    }

    @Test
    void givenApplicationWithoutAcceptedConsent_whenSubmitted_itIs400NamingConsentAndNothingIsStored()
            throws Exception {
        Applicants.Applicant applicant = applicants.any();
        String declined = withConsent(applicant.body(3000)).replace("\"accepted\":true", "\"accepted\":false");
        int before = jdbc.queryForObject("select count(*) from audit_record", Integer.class);

        ObjectNode withoutConsent = (ObjectNode) JSON.readTree(applicant.body(3000));
        withoutConsent.remove("consent");
        SystemClient.Answer missing = client.submit(UUID.randomUUID().toString(),
                JSON.writeValueAsString(withoutConsent));
        SystemClient.Answer refused = client.submit(UUID.randomUUID().toString(), declined);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").findValuesAsText("field")).contains("consent");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").findValuesAsText("field")).contains("consent.accepted");
        assertThat(jdbc.queryForObject("select count(*) from audit_record", Integer.class)).isEqualTo(before);
    }

    @Test
    void givenTheApplicationsConnection_whenChangingAnAuditRecord_theDatabaseRefuses() throws Exception {
        String id = rejected();
        long sequence = sequenceOf("DECISION", id);

        assertThatThrownBy(() -> jdbc.update(
                "update audit_record set payload = '{\"outcome\":\"APPROVE\"}' where sequence = ?", sequence))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_record where sequence = ?", sequence))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_record"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(json(records(id).get(1).get("payload")).get("outcome").asText()).isEqualTo("REJECT");
    }

    @Test
    void givenPayloadAlteredWithTriggersDisabled_whenVerifying_itNamesThatSequenceAsAltered() throws Exception {
        String id = rejected();
        long sequence = sequenceOf("DECISION", id);
        String original = (String) records(id).get(1).get("payload");

        behindTheTriggersBack(
                "update audit_record set payload = jsonb_set(payload, '{outcome}', '\"APPROVE\"') where sequence = ?",
                sequence);
        AuditVerification verification;
        try {
            verification = verify();
        } finally {
            behindTheTriggersBack("update audit_record set payload = ?::jsonb where sequence = ?", original, sequence);
        }

        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBreak().sequence()).isEqualTo(sequence);
        assertThat(verification.firstBreak().problem()).isEqualTo(AuditVerification.Problem.ALTERED);
        assertThat(verification.headSequence()).isEqualTo(sequence - 1);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void givenRecordDeletedWithTriggersDisabled_whenVerifying_itReportsTheGap() throws Exception {
        String id = rejected();
        long sequence = sequenceOf("CONSENT", id);
        Map<String, Object> row = jdbc.queryForMap("""
                select sequence, kind, application_id, reference, payload::text as payload, recorded_at,
                       previous_hash, hash
                from audit_record where sequence = ?""", sequence);

        behindTheTriggersBack("delete from audit_record where sequence = ?", sequence);
        AuditVerification verification;
        try {
            verification = verify();
        } finally {
            jdbc.update("""
                    insert into audit_record (sequence, kind, application_id, reference, payload, recorded_at,
                                              previous_hash, hash)
                    values (?, ?, ?, ?, ?::jsonb, ?, ?, ?)""", row.get("sequence"), row.get("kind"),
                    row.get("application_id"), row.get("reference"), row.get("payload"), row.get("recorded_at"),
                    row.get("previous_hash"), row.get("hash"));
        }

        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBreak().sequence()).isEqualTo(sequence);
        assertThat(verification.firstBreak().problem()).isEqualTo(AuditVerification.Problem.REMOVED);
        assertThat(verification.firstBreak().detail()).contains("records %d to %d are missing"
                .formatted(sequence, sequence));
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void givenRetriedDecisionAndPayoutAppends_whenAppendedAgain_theyAddNothing() throws Exception {
        String id = disbursed();
        List<Map<String, Object>> before = records(id);
        Map<String, Object> request = before.stream().filter(row -> "PAYOUT_REQUESTED".equals(row.get("kind")))
                .findFirst().orElseThrow();
        JsonNode requested = json(request.get("payload"));
        int total = jdbc.queryForObject("select count(*) from audit_record", Integer.class);

        // The decision activity retried (here with other evidence, to show the first record stands).
        decisioning.decide(new DecisionRequest(id, new RiskProfile(
                BureauReport.unavailable("timed out"), FraudAssessment.unavailable("timed out"),
                new BlacklistScreening(RiskOutcome.PASS, false, "not listed"),
                DeviceAssessment.unavailable("timed out"), VelocityFeatures.unavailable("timed out")),
                new CreditScore("credit-risk-placeholder-1", 0.5), new BigDecimal("3000"), 30));
        boolean appended = audit.append(new AuditEvent.PayoutRequested(UUID.fromString(id),
                requested.get("idempotencyKey").asText(), 1, requested.get("channel").asText(),
                new BigDecimal("3000"), "CNY"));

        assertThat(appended).isFalse();
        assertThat(records(id)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from audit_record", Integer.class)).isEqualTo(total);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void givenTheDatabaseUrl_whenRunningTheVerifyCommand_itPrintsTheIntactHeadAndExitsZero() throws Exception {
        rejected();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = VerifyAuditTrail.run(new String[] {"--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Audit trail intact: ");
        assertThat(VerifyAuditTrail.run(new String[0], Map.of(), new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
    }

    @Test
    void givenManualReview_whenAnOperatorApproves_theVerdictIsInTheTrailWithoutTheNoteItself() throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        client.put("/simulators/bureau/behaviour", "{\"latencyMinMs\":1500,\"latencyMaxMs\":1500,\"failureRate\":0}");
        String id;
        try {
            id = settle(applicant, "MANUAL_REVIEW");
        } finally {
            client.delete("/simulators/bureau/behaviour");
        }
        String note = "called the borrower on " + applicant.phone();

        // The rules price no loan without a bureau file: the operator sets the terms.
        // The trail names whoever signed in, never a name the request body offers.
        SystemClient.Answer forged = client.post("/api/v1/applications/" + id + "/approve",
                "{\"reviewer\":\"operator-9\",\"note\":\"" + note + "\",\"approvedAmount\":1000,\"annualRate\":0.2}");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body().get("errors").get(0).get("field").asText()).isEqualTo("reviewer");
        assertThat(client.post("/api/v1/applications/" + id + "/approve", "{\"note\":\""
                + note + "\",\"approvedAmount\":1000,\"annualRate\":0.2}").status()).isEqualTo(202);
        client.awaitStep(id, java.util.Set.of("COMPLETED"));

        Map<String, Object> verdict = jdbc.queryForMap(
                "select payload::text as payload from audit_record where kind = 'REVIEW_VERDICT' and reference = ?", id);
        JsonNode payload = json(verdict.get("payload"));
        assertThat(payload.get("verdict").asText()).isEqualTo("APPROVED");
        assertThat(payload.get("reviewer").asText()).isEqualTo("staff:operator");
        assertThat(payload.get("noteDigest").asText()).isEqualTo(audit.digest(note));
        assertThat(verdict.get("payload").toString()).doesNotContain(applicant.phone());
        assertThat(verify().intact()).isTrue();
    }
}
