package com.swiftlend.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.swiftlend.reconciliation.ReconciliationLauncher.ReconciliationResult;

@SpringBootTest(properties = "spring.batch.job.enabled=false")
class ChannelStatementReconciliationTest {

    private static final String CHANNEL = "swiftpay";
    private static final LocalDate DAY = LocalDate.of(2025, 3, 14);
    private static final Instant DURING_DAY = Instant.parse("2025-03-14T09:30:00Z");
    private static final String HEADER = "payout_id,idempotency_key,amount,currency,status,processed_at";

    @Autowired
    private ReconciliationLauncher launcher;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private JobOperator jobOperator;

    @Autowired
    private JobExplorer jobExplorer;

    @TempDir
    private Path dir;

    private int statements;

    @BeforeEach
    void emptyTables() {
        jdbc.execute("truncate reconciliation_discrepancy, reconciliation_statement_line, channel_balance_hold,"
                + " funding_reservation, payout, application_status_history, shadow_decision, credit_score, decision_record, loan_application");
    }

    @Test
    void givenStatementWithUnknownPayout_whenReconciling_itRaisesMissingInLedger() throws Exception {
        payout("app-1-1", CHANNEL, "100.00", "SUCCEEDED", DURING_DAY);
        Path statement = statement(
                line("cp-1", "app-1-1", "100.00", "SUCCEEDED"),
                line("cp-2", "ghost-1", "75.50", "SUCCEEDED"));

        ReconciliationResult result = launcher.run(CHANNEL, DAY, statement);

        assertThat(result.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(result.discrepancyCount()).isEqualTo(1);
        assertThat(discrepancies()).containsExactly(
                new Row("MISSING_IN_LEDGER", "ghost-1", 3, amount("75.50"), null, "SUCCEEDED", null));
    }

    @Test
    void givenStatementLineForPayoutSentViaAnotherChannel_whenReconciling_itRaisesMissingInLedger() throws Exception {
        payout("app-1-1", "otherpay", "100.00", "SUCCEEDED", DURING_DAY);

        launcher.run(CHANNEL, DAY, statement(line("cp-1", "app-1-1", "100.00", "SUCCEEDED")));

        assertThat(discrepancies()).containsExactly(
                new Row("MISSING_IN_LEDGER", "app-1-1", 2, amount("100.00"), null, "SUCCEEDED", null));
        assertThat(detailOf("MISSING_IN_LEDGER")).contains("otherpay");
    }

    @Test
    void givenStatementAmountDiffersFromPayout_whenReconciling_itRaisesAmountMismatch() throws Exception {
        payout("app-1-1", CHANNEL, "500.00", "SUCCEEDED", DURING_DAY);

        launcher.run(CHANNEL, DAY, statement(line("cp-1", "app-1-1", "450.00", "SUCCEEDED")));

        assertThat(discrepancies()).containsExactly(
                new Row("AMOUNT_MISMATCH", "app-1-1", 2, amount("450.00"), amount("500.00"), "SUCCEEDED", "SUCCEEDED"));
    }

    @Test
    void givenStatementSucceededButPayoutDeclinedOrInDoubt_whenReconciling_itRaisesStatusMismatch() throws Exception {
        payout("app-1-1", CHANNEL, "300.00", "DECLINED", DURING_DAY);
        payout("app-2-1", CHANNEL, "200.00", "SENT_UNCONFIRMED", DURING_DAY);
        payout("app-3-1", CHANNEL, "150.00", "PENDING_AT_CHANNEL", DURING_DAY);
        payout("app-4-1", CHANNEL, "120.00", "PROVEN_NOT_SENT", DURING_DAY);

        launcher.run(CHANNEL, DAY, statement(
                line("cp-1", "app-1-1", "300.00", "SUCCEEDED"),
                line("cp-2", "app-2-1", "200.00", "SUCCEEDED"),
                line("cp-3", "app-3-1", "150.00", "SUCCEEDED"),
                line("cp-4", "app-4-1", "120.00", "SUCCEEDED")));

        assertThat(discrepancies()).containsExactly(
                new Row("STATUS_MISMATCH", "app-1-1", 2, amount("300.00"), amount("300.00"), "SUCCEEDED", "DECLINED"),
                new Row("STATUS_MISMATCH", "app-2-1", 3, amount("200.00"), amount("200.00"), "SUCCEEDED",
                        "SENT_UNCONFIRMED"),
                new Row("STATUS_MISMATCH", "app-3-1", 4, amount("150.00"), amount("150.00"), "SUCCEEDED",
                        "PENDING_AT_CHANNEL"),
                new Row("STATUS_MISMATCH", "app-4-1", 5, amount("120.00"), amount("120.00"), "SUCCEEDED",
                        "PROVEN_NOT_SENT"));
    }

    @Test
    void givenStatementDeclinedButPayoutSucceeded_whenReconciling_itRaisesStatusMismatch() throws Exception {
        payout("app-1-1", CHANNEL, "300.00", "SUCCEEDED", DURING_DAY);

        launcher.run(CHANNEL, DAY, statement(line("cp-1", "app-1-1", "300.00", "DECLINED")));

        assertThat(discrepancies()).containsExactly(
                new Row("STATUS_MISMATCH", "app-1-1", 2, amount("300.00"), amount("300.00"), "DECLINED", "SUCCEEDED"));
    }

    @Test
    void givenStatementAgreeingWithLedger_whenReconciling_itRaisesNothing() throws Exception {
        payout("app-1-1", CHANNEL, "100.00", "SUCCEEDED", DURING_DAY);
        payout("app-2-1", CHANNEL, "250.00", "DECLINED", DURING_DAY);
        payout("app-3-1", CHANNEL, "80.00", "SENT_UNCONFIRMED", DURING_DAY);

        ReconciliationResult result = launcher.run(CHANNEL, DAY, statement(
                // Another scale is the same amount.
                line("cp-1", "app-1-1", "100.0", "SUCCEEDED"),
                line("cp-2", "app-2-1", "250.00", "DECLINED"),
                // Declined while we still wait for the outcome: the payment workflow will learn it.
                line("cp-3", "app-3-1", "80.00", "DECLINED")));

        assertThat(result.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(result.discrepancyCount()).isZero();
        assertThat(discrepancies()).isEmpty();
    }

    @Test
    void givenSucceededPayoutAbsentFromStatement_whenReconciling_itRaisesMissingInStatementForThatChannelAndUtcDayOnly()
            throws Exception {
        payout("on-statement", CHANNEL, "100.00", "SUCCEEDED", DURING_DAY);
        payout("first-instant", CHANNEL, "10.00", "SUCCEEDED", Instant.parse("2025-03-14T00:00:00Z"));
        payout("last-instant", CHANNEL, "20.00", "SUCCEEDED", Instant.parse("2025-03-14T23:59:59.999Z"));
        payout("day-before", CHANNEL, "30.00", "SUCCEEDED", Instant.parse("2025-03-13T23:59:59Z"));
        payout("day-after", CHANNEL, "40.00", "SUCCEEDED", Instant.parse("2025-03-15T00:00:00Z"));
        payout("other-channel", "otherpay", "50.00", "SUCCEEDED", DURING_DAY);
        payout("declined", CHANNEL, "60.00", "DECLINED", DURING_DAY);
        payout("in-doubt", CHANNEL, "70.00", "SENT_UNCONFIRMED", DURING_DAY);
        payout("pending", CHANNEL, "75.00", "PENDING_AT_CHANNEL", DURING_DAY);

        launcher.run(CHANNEL, DAY, statement(line("cp-1", "on-statement", "100.00", "SUCCEEDED")));

        assertThat(discrepancies()).containsExactly(
                new Row("MISSING_IN_STATEMENT", "first-instant", null, null, amount("10.00"), null, "SUCCEEDED"),
                new Row("MISSING_IN_STATEMENT", "last-instant", null, null, amount("20.00"), null, "SUCCEEDED"));
    }

    @Test
    void givenMalformedLines_whenReconciling_itRaisesUnparseableLinesAndReconcilesTheRest() throws Exception {
        payout("app-1-1", CHANNEL, "100.00", "SUCCEEDED", DURING_DAY);
        payout("app-2-1", CHANNEL, "200.00", "SUCCEEDED", DURING_DAY);
        Path statement = statement(
                "cp-9,too-few-fields,12.00",
                line("cp-1", "app-1-1", "100.00", "SUCCEEDED"),
                line("cp-8", "bad-amount", "12,5", "SUCCEEDED"),
                line("cp-7", "bad-status", "12.00", "PENDING"),
                "cp-6,bad-time,12.00,CNY,SUCCEEDED,yesterday",
                line("cp-5", "", "12.00", "SUCCEEDED"),
                line("cp-2", "app-2-1", "200.00", "SUCCEEDED"));

        ReconciliationResult result = launcher.run(CHANNEL, DAY, statement);

        assertThat(result.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(discrepancies()).extracting(Row::kind, Row::key, Row::line).containsExactly(
                tuple("UNPARSEABLE_LINE", "line:2", 2),
                tuple("UNPARSEABLE_LINE", "line:4", 4),
                tuple("UNPARSEABLE_LINE", "line:5", 5),
                tuple("UNPARSEABLE_LINE", "line:6", 6),
                tuple("UNPARSEABLE_LINE", "line:7", 7));
        assertThat(detailOf("UNPARSEABLE_LINE", "line:5")).contains("PENDING").contains("cp-7");
    }

    @Test
    void givenStatementWithOneProblemOfEachKind_whenReconciling_itRaisesExactlyOneDiscrepancyOfEachKind() throws Exception {
        ReconciliationResult result = launcher.run(CHANNEL, DAY, oneOfEachKind());

        assertThat(result.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(result.discrepancyCount()).isEqualTo(5);
        assertThat(discrepancies()).containsExactlyElementsOf(oneOfEachKindRows());
        assertThat(jdbc.queryForObject("select count(*) from reconciliation_statement_line", Long.class))
                .as("staged lines are dropped when the run ends").isZero();
    }

    @Test
    void givenReconciledDay_whenReconcilingAgain_itDoesNotDuplicateDiscrepancies() throws Exception {
        Path statement = oneOfEachKind();
        ReconciliationResult first = launcher.run(CHANNEL, DAY, statement);

        ReconciliationResult second = launcher.run(CHANNEL, DAY, statement);

        assertThat(second.jobExecutionId()).isNotEqualTo(first.jobExecutionId());
        assertThat(second.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.discrepancyCount()).isEqualTo(5);
        assertThat(discrepancies()).containsExactlyElementsOf(oneOfEachKindRows());
        assertThat(jdbc.queryForList("select distinct job_execution_id from reconciliation_discrepancy", Long.class))
                .containsExactly(second.jobExecutionId());
    }

    @Test
    void givenDiscrepancyFixedInLedgerSinceLastRun_whenReconcilingAgain_itIsNoLongerReported() throws Exception {
        payout("app-1-1", CHANNEL, "500.00", "SUCCEEDED", DURING_DAY);
        Path statement = statement(line("cp-1", "app-1-1", "450.00", "SUCCEEDED"));
        launcher.run(CHANNEL, DAY, statement);
        jdbc.update("update payout set amount = 450.00 where idempotency_key = 'app-1-1'");

        ReconciliationResult rerun = launcher.run(CHANNEL, DAY, statement);

        assertThat(rerun.discrepancyCount()).isZero();
        assertThat(discrepancies()).isEmpty();
    }

    @Test
    void givenResultOfAnotherChannel_whenReconciling_itIsKept() throws Exception {
        payout("other-1", "otherpay", "50.00", "SUCCEEDED", DURING_DAY);
        launcher.run("otherpay", DAY, statement());

        launcher.run(CHANNEL, DAY, statement());

        assertThat(jdbc.queryForList("select channel || '/' || kind || '/' || idempotency_key from reconciliation_discrepancy",
                String.class)).containsExactly("otherpay/MISSING_IN_STATEMENT/other-1");
    }

    @Test
    void givenFileWithAnotherHeader_whenReconciling_theJobFailsAndRaisesNothing() throws Exception {
        payout("app-1-1", CHANNEL, "100.00", "SUCCEEDED", DURING_DAY);
        Path file = dir.resolve("not-a-statement.csv");
        Files.writeString(file, "id,amount\n1,100.00\n");

        ReconciliationResult result = launcher.run(CHANNEL, DAY, file);

        assertThat(result.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(discrepancies()).isEmpty();
    }

    @Test
    void givenMissingStatementFile_whenReconciling_theJobFails() throws Exception {
        ReconciliationResult result = launcher.run(CHANNEL, DAY, dir.resolve("absent.csv"));

        assertThat(result.status()).isEqualTo(BatchStatus.FAILED);
    }

    @Test
    void givenChannelLongerThanTheLedgerColumn_whenLaunching_itIsRejected() throws Exception {
        Path statement = statement();

        assertThatThrownBy(() -> launcher.run("x".repeat(33), DAY, statement))
                .isInstanceOf(JobParametersInvalidException.class);
    }

    @Test
    void givenRunFailedForLackOfFile_whenRestartedOnceTheFileArrives_itReconcilesTheWholeStatement() throws Exception {
        payout("amount", CHANNEL, "500.00", "SUCCEEDED", DURING_DAY);
        payout("not-on-statement", CHANNEL, "200.00", "SUCCEEDED", DURING_DAY);
        Path file = dir.resolve("late.csv");
        ReconciliationResult failed = launcher.run(CHANNEL, DAY, file);
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        Files.write(file, List.of(HEADER, line("cp-1", "amount", "450.00", "SUCCEEDED")));

        long restartId = jobOperator.restart(failed.jobExecutionId());

        assertThat(jobExplorer.getJobExecution(restartId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(discrepancies()).extracting(Row::kind, Row::key).containsExactly(
                tuple("AMOUNT_MISMATCH", "amount"),
                tuple("MISSING_IN_STATEMENT", "not-on-statement"));
    }

    @Test
    void givenStatementSpanningSeveralChunks_whenReconciling_everyLineCountsAsOnTheStatement() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 1200; i++) {
            payout("bulk-" + i, CHANNEL, "10.00", "SUCCEEDED", DURING_DAY);
            // One payout is left off the statement, and a broken line sits in the second chunk.
            if (i != 1100) {
                lines.add(line("cp-" + i, "bulk-" + i, "10.00", "SUCCEEDED"));
            }
            if (i == 700) {
                lines.add("broken");
            }
        }

        ReconciliationResult result = launcher.run(CHANNEL, DAY, statement(lines.toArray(String[]::new)));

        assertThat(result.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(discrepancies()).extracting(Row::kind, Row::key).containsExactly(
                tuple("MISSING_IN_STATEMENT", "bulk-1100"),
                tuple("UNPARSEABLE_LINE", "line:702"));
    }

    /** Ledger and statement with exactly one problem of each kind, plus lines that match. */
    private Path oneOfEachKind() throws IOException {
        payout("matched", CHANNEL, "1000.00", "SUCCEEDED", DURING_DAY);
        payout("matched-declined", CHANNEL, "300.00", "DECLINED", DURING_DAY);
        payout("amount", CHANNEL, "500.00", "SUCCEEDED", DURING_DAY);
        payout("status", CHANNEL, "300.00", "DECLINED", DURING_DAY);
        payout("not-on-statement", CHANNEL, "200.00", "SUCCEEDED", DURING_DAY);
        payout("yesterday", CHANNEL, "90.00", "SUCCEEDED", Instant.parse("2025-03-13T12:00:00Z"));
        return statement(
                line("cp-1", "matched", "1000.00", "SUCCEEDED"),
                line("cp-2", "matched-declined", "300.00", "DECLINED"),
                line("cp-3", "amount", "450.00", "SUCCEEDED"),
                line("cp-4", "status", "300.00", "SUCCEEDED"),
                line("cp-5", "ghost", "75.50", "SUCCEEDED"),
                "this is not a statement line");
    }

    private static List<Row> oneOfEachKindRows() {
        return List.of(
                new Row("AMOUNT_MISMATCH", "amount", 4, amount("450.00"), amount("500.00"), "SUCCEEDED", "SUCCEEDED"),
                new Row("MISSING_IN_LEDGER", "ghost", 6, amount("75.50"), null, "SUCCEEDED", null),
                new Row("MISSING_IN_STATEMENT", "not-on-statement", null, null, amount("200.00"), null, "SUCCEEDED"),
                new Row("STATUS_MISMATCH", "status", 5, amount("300.00"), amount("300.00"), "SUCCEEDED", "DECLINED"),
                new Row("UNPARSEABLE_LINE", "line:7", 7, null, null, null, null));
    }

    private void payout(String key, String channel, String amount, String status, Instant updatedAt) {
        UUID applicationId = UUID.randomUUID();
        Timestamp submitted = Timestamp.from(updatedAt.minusSeconds(3600));
        jdbc.update("""
                insert into loan_application (id, idempotency_key, request_fingerprint, applicant_name, id_number,
                    phone, bank_card, device_id, client_ip, amount, term_days, status, current_step,
                    submitted_at, updated_at)
                values (?, ?, ?, 'Li Lei', '110101199003071234', '13800138000', '6222020200112233445',
                    'device-1', '203.0.113.7', ?, 30, 'DISBURSED', 'DISBURSEMENT', ?, ?)""",
                applicationId, "request-" + key, "0".repeat(64), new BigDecimal(amount), submitted, submitted);
        jdbc.update("""
                insert into payout (idempotency_key, application_id, attempt, channel, amount, status,
                    channel_reference, created_at, updated_at)
                values (?, ?, 1, ?, ?, ?, ?, ?, ?)""",
                key, applicationId, channel, new BigDecimal(amount), status,
                "SUCCEEDED".equals(status) ? "ref-" + key : null, submitted, Timestamp.from(updatedAt));
    }

    private static String line(String payoutId, String key, String amount, String status) {
        return String.join(",", payoutId, key, amount, "CNY", status, "2025-03-14T10:15:30Z");
    }

    private Path statement(String... lines) throws IOException {
        List<String> content = new ArrayList<>();
        content.add(HEADER);
        content.addAll(List.of(lines));
        Path file = dir.resolve(CHANNEL + "-" + DAY + "-" + (++statements) + ".csv");
        Files.write(file, content);
        return file;
    }

    private List<Row> discrepancies() {
        return jdbc.query("""
                select kind, idempotency_key, statement_line, statement_amount, ledger_amount,
                       statement_status, ledger_status
                  from reconciliation_discrepancy
                 where channel = ? and statement_date = ?
                 order by kind, idempotency_key""",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7)),
                CHANNEL, DAY);
    }

    private String detailOf(String kind) {
        return jdbc.queryForObject("select detail from reconciliation_discrepancy where kind = ?", String.class, kind);
    }

    private String detailOf(String kind, String key) {
        return jdbc.queryForObject("select detail from reconciliation_discrepancy where kind = ? and idempotency_key = ?",
                String.class, kind, key);
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text);
    }

    private record Row(String kind, String key, Integer line, BigDecimal statementAmount, BigDecimal ledgerAmount,
            String statementStatus, String ledgerStatus) {
    }
}
