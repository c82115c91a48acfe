package com.swiftlend.records.decision;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a challenger rule set would have decided, beside the champion's decision of the same
 * application ({@code shadow_decision}). Stored to be compared, never acted on.
 */
@Component
public class ShadowDecisions {

    /** A challenger's answer for one application. */
    public record ShadowDecision(UUID applicationId, String ruleSetVersion, String championVersion, String outcome,
            String reasonsJson, String matchedRulesJson, BigDecimal approvedAmount, BigDecimal annualRate,
            Instant decidedAt) {
    }

    /** The champion's recorded decision and the challenger's, for the same application. */
    public record Pair(UUID applicationId, String championVersion, String championOutcome,
            BigDecimal championAmount, String championReasonsJson, String challengerOutcome,
            BigDecimal challengerAmount, String challengerReasonsJson) {
    }

    private final JdbcTemplate jdbc;

    ShadowDecisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the first evaluation: a retried decision evaluates the same facts with the same version. */
    public void record(ShadowDecision shadow) {
        jdbc.update("""
                insert into shadow_decision (application_id, rule_set_version, champion_version, outcome, reasons,
                                             matched_rules, approved_amount, annual_rate, decided_at)
                values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
                on conflict do nothing""",
                shadow.applicationId(), shadow.ruleSetVersion(), shadow.championVersion(), shadow.outcome(),
                shadow.reasonsJson(), shadow.matchedRulesJson(), shadow.approvedAmount(), shadow.annualRate(),
                Timestamp.from(shadow.decidedAt()));
    }

    /** The challenger's most recent shadow decisions with the champion's beside them, newest first. */
    public List<Pair> pairs(String challengerVersion, int limit) {
        return jdbc.query("""
                select s.application_id, d.rule_set_version, d.outcome, d.approved_amount, d.reasons::text,
                       s.outcome, s.approved_amount, s.reasons::text
                from shadow_decision s join decision_record d on d.application_id = s.application_id
                where s.rule_set_version = ?
                order by s.decided_at desc limit ?""",
                (row, n) -> new Pair(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        row.getBigDecimal(4), row.getString(5), row.getString(6), row.getBigDecimal(7),
                        row.getString(8)), challengerVersion, limit);
    }
}
