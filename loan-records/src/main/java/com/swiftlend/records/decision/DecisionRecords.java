package com.swiftlend.records.decision;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What each decision saw and did, for explanations and back-tests ({@code decision_record}). */
@Component
public class DecisionRecords {

    /**
     * @param inputsJson the decision facts as JSON
     * @param reasonsJson the reason codes as a JSON array
     * @param matchedRulesJson the matched rules as a JSON array of {decision, rule}
     */
    public record DecisionRecord(UUID applicationId, String ruleSetVersion, String modelVersion, String inputsJson,
            String outcome, String reasonsJson, String matchedRulesJson, BigDecimal approvedAmount,
            BigDecimal annualRate, Instant decidedAt) {
    }

    private static final String COLUMNS = "application_id, rule_set_version, model_version, inputs::text,"
            + " outcome, reasons::text, matched_rules::text, approved_amount, annual_rate, decided_at";

    private final JdbcTemplate jdbc;

    DecisionRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the first attempt's record, as the audit trail does; a retry decides with the same
     * version and facts, so it would write the same.
     */
    public void record(DecisionRecord decision) {
        jdbc.update("""
                insert into decision_record (application_id, rule_set_version, model_version, inputs, outcome,
                                             reasons, matched_rules, approved_amount, annual_rate, decided_at)
                values (?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
                on conflict (application_id) do nothing""",
                decision.applicationId(), decision.ruleSetVersion(), decision.modelVersion(), decision.inputsJson(),
                decision.outcome(), decision.reasonsJson(), decision.matchedRulesJson(), decision.approvedAmount(),
                decision.annualRate(), Timestamp.from(decision.decidedAt()));
    }

    public Optional<DecisionRecord> find(UUID applicationId) {
        return jdbc.query("select " + COLUMNS + " from decision_record where application_id = ?",
                DecisionRecords::decision, applicationId).stream().findFirst();
    }

    /** The most recent decisions, newest first. */
    public List<DecisionRecord> latest(int count) {
        return jdbc.query("select " + COLUMNS + " from decision_record order by decided_at desc limit ?",
                DecisionRecords::decision, count);
    }

    /** The decisions taken in {@code [from, to)}, at most {@code limit}, oldest first. */
    public List<DecisionRecord> between(Instant from, Instant to, int limit) {
        return jdbc.query("select " + COLUMNS + " from decision_record where decided_at >= ? and decided_at < ?"
                + " order by decided_at limit ?", DecisionRecords::decision, Timestamp.from(from), Timestamp.from(to),
                limit);
    }

    private static DecisionRecord decision(ResultSet row, int n) throws SQLException {
        return new DecisionRecord(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getBigDecimal(8), row.getBigDecimal(9),
                row.getTimestamp(10).toInstant());
    }
}
