package com.swiftlend.records.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Walks the audit trail from its first record and recomputes every link. It reads with one
 * statement, so it sees one consistent snapshot while appends go on, and streams, so a long trail
 * does not have to fit in memory. It needs only a {@link DataSource}: the command-line
 * {@link VerifyAuditTrail} runs it without the application.
 */
public class AuditChainVerifier {

    private static final int FETCH_SIZE = 1_000;

    private final DataSource dataSource;

    public AuditChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public AuditVerification verify() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL streams a result set only inside a transaction.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement select = connection.prepareStatement("""
                    select sequence, kind, application_id, reference, payload::text, recorded_at, previous_hash, hash
                    from audit_record order by sequence""")) {
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    return walk(rows);
                }
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit trail: " + e.getMessage(), e);
        }
    }

    private static AuditVerification walk(ResultSet rows) throws SQLException {
        long checked = 0;
        long expected = 1;
        String previousHash = ChainHash.GENESIS;
        while (rows.next()) {
            long sequence = rows.getLong("sequence");
            String storedPrevious = rows.getString("previous_hash");
            String storedHash = rows.getString("hash");
            if (sequence != expected) {
                return broken(checked, expected - 1, previousHash, new AuditVerification.Break(expected,
                        AuditVerification.Problem.REMOVED, sequence > expected
                                ? "records %d to %d are missing".formatted(expected, sequence - 1)
                                : "sequence %d follows %d".formatted(sequence, expected - 1)));
            }
            if (!storedPrevious.equals(previousHash)) {
                return broken(checked, sequence - 1, previousHash, new AuditVerification.Break(sequence,
                        AuditVerification.Problem.RELINKED,
                        "it names %s as the previous hash, but record %d hashes to %s".formatted(storedPrevious,
                                sequence - 1, previousHash)));
            }
            String applicationId = rows.getString("application_id");
            String recomputed = ChainHash.hash(storedPrevious, sequence, rows.getString("kind"),
                    applicationId == null ? null : UUID.fromString(applicationId), rows.getString("reference"),
                    ChainHash.parse(rows.getString(5)), rows.getObject("recorded_at", OffsetDateTime.class).toInstant());
            if (!recomputed.equals(storedHash)) {
                return broken(checked, sequence - 1, previousHash, new AuditVerification.Break(sequence,
                        AuditVerification.Problem.ALTERED,
                        "its content hashes to %s, not to the stored %s".formatted(recomputed, storedHash)));
            }
            checked++;
            expected = sequence + 1;
            previousHash = storedHash;
        }
        return new AuditVerification(checked, expected - 1, previousHash, null);
    }

    private static AuditVerification broken(long checked, long lastGood, String lastGoodHash,
            AuditVerification.Break problem) {
        return new AuditVerification(checked, lastGood, lastGoodHash, problem);
    }
}
