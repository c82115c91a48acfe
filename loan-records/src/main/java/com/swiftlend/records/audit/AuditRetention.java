package com.swiftlend.records.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How long audit records are kept ({@code swiftlend.audit.retention}, default ten years; see
 * docs/security.md for the rules behind it). A shorter period than the statutory five-year floor
 * is a misconfiguration that would destroy evidence, so the process refuses to start with one.
 *
 * <p>Records past retention are counted, not deleted: deleting them would break the hash chain.
 * They are archived by exporting the chain up to a checkpoint (sequence and hash, as the verifier
 * prints them) to write-once storage before any pruning.
 */
@Component
public class AuditRetention {

    /** Anti-money-laundering record keeping: at least five years after the relationship ends. */
    static final Period STATUTORY_MINIMUM = Period.ofYears(5);

    private final Period retention;
    private final JdbcTemplate jdbc;

    public AuditRetention(@Value("${swiftlend.audit.retention:P10Y}") Period retention, JdbcTemplate jdbc) {
        this.retention = requireAtLeastStatutory(retention);
        this.jdbc = jdbc;
    }

    static Period requireAtLeastStatutory(Period retention) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (today.minus(retention).isAfter(today.minus(STATUTORY_MINIMUM))) {
            throw new IllegalStateException("swiftlend.audit.retention " + retention
                    + " is shorter than the statutory minimum " + STATUTORY_MINIMUM);
        }
        return retention;
    }

    public Period retention() {
        return retention;
    }

    /** The records old enough to be archived and, after a checkpoint, pruned. */
    public long pastRetention(Instant now) {
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
        Long count = jdbc.queryForObject("select count(*) from audit_record where recorded_at < ?", Long.class,
                java.sql.Timestamp.from(cutoff));
        return count == null ? 0 : count;
    }
}
