package com.swiftlend.records.ruleset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored versions of the rule set. Each transition is one conditional update on the status it
 * leaves, so two editors acting at once cannot both approve or both publish; callers join it to
 * their transaction with the audit record of the same change.
 */
@Component
public class RuleSets {

    /** A version's content: the DMN XML of the whole decision and its test cases as JSON. */
    public record Content(String dmnXml, String testCasesJson) {
    }

    private static final String COLUMNS = "version, status, author, approver, comment, created_at, approved_at,"
            + " published_at, retired_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RuleSets(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public List<RuleSetVersion> list() {
        return jdbc.query("select " + COLUMNS + " from rule_set order by created_at desc, version desc",
                RuleSets::version);
    }

    public Optional<RuleSetVersion> find(String version) {
        return jdbc.query("select " + COLUMNS + " from rule_set where version = ?", RuleSets::version, version)
                .stream().findFirst();
    }

    public Optional<RuleSetVersion> active() {
        return jdbc.query("select " + COLUMNS + " from rule_set where status = 'ACTIVE'", RuleSets::version)
                .stream().findFirst();
    }

    /** The active version's name only: what each worker compares with the rules it holds. */
    public Optional<String> activeVersion() {
        return jdbc.queryForList("select version from rule_set where status = 'ACTIVE'", String.class).stream()
                .findFirst();
    }

    public Optional<Content> content(String version) {
        return jdbc.query("select dmn_xml, test_cases::text from rule_set where version = ?",
                (row, n) -> new Content(row.getString(1), row.getString(2)), version).stream().findFirst();
    }

    /** The name the next draft gets: {@code r<n>}, from a sequence, so two drafts never share one. */
    public String nextVersion() {
        return "r" + jdbc.queryForObject("select nextval('rule_set_number')", Long.class);
    }

    public RuleSetVersion draft(String version, Content content, String author, String comment) {
        Instant now = now();
        jdbc.update("""
                insert into rule_set (version, status, dmn_xml, test_cases, comment, author, created_at)
                values (?, 'DRAFT', ?, ?::jsonb, ?, ?, ?)""", version, content.dmnXml(), content.testCasesJson(),
                comment, author, Timestamp.from(now));
        return find(version).orElseThrow();
    }

    /**
     * Stores the shipped rule set as the active version of a database that has none yet. Safe to
     * call from every process at every start: only the first call on an empty table stores it.
     *
     * @return whether it was stored
     */
    public boolean seed(String version, Content content) {
        Timestamp now = Timestamp.from(now());
        return jdbc.update("""
                insert into rule_set (version, status, dmn_xml, test_cases, comment, author, approver, created_at,
                                      approved_at, published_at)
                select ?, 'ACTIVE', ?, ?::jsonb, 'shipped with the application', 'shipped', 'shipped-review', ?, ?, ?
                where not exists (select 1 from rule_set)
                on conflict do nothing""", version, content.dmnXml(), content.testCasesJson(), now, now, now) == 1;
    }

    /** @return the approved version, or empty when it is not a draft (any more) */
    public Optional<RuleSetVersion> approve(String version, String approver) {
        int changed = jdbc.update("""
                update rule_set set status = 'APPROVED', approver = ?, approved_at = ?
                where version = ? and status = 'DRAFT' and author <> ?""",
                approver, Timestamp.from(now()), version, approver);
        return changed == 1 ? find(version) : Optional.empty();
    }

    /**
     * Makes an approved or retired version the active one and retires the version active before.
     *
     * @return the version that was active before, or empty when none was; call inside a transaction
     * @throws IllegalStateException when the version cannot be published (not approved, already active)
     */
    public Optional<String> publish(String version) {
        Timestamp now = Timestamp.from(now());
        Optional<String> previous = jdbc.queryForList(
                "select version from rule_set where status = 'ACTIVE' for update", String.class).stream().findFirst();
        if (previous.filter(version::equals).isPresent()) {
            throw new IllegalStateException("Rule set " + version + " is already active");
        }
        previous.ifPresent(active -> jdbc.update(
                "update rule_set set status = 'RETIRED', retired_at = ? where version = ?", now, active));
        int changed = jdbc.update("""
                update rule_set set status = 'ACTIVE', published_at = ?, retired_at = null
                where version = ? and status in ('APPROVED', 'RETIRED')""", now, version);
        if (changed != 1) {
            throw new IllegalStateException("Rule set " + version + " is not approved");
        }
        return previous;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static RuleSetVersion version(ResultSet row, int n) throws SQLException {
        return new RuleSetVersion(row.getString("version"), RuleSetStatus.valueOf(row.getString("status")),
                row.getString("author"), row.getString("approver"), row.getString("comment"),
                instant(row, "created_at"), instant(row, "approved_at"), instant(row, "published_at"),
                instant(row, "retired_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
