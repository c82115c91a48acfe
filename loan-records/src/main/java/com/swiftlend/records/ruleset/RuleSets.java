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
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate transactions;
    private final Clock clock;

    RuleSets(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
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

    /** The versions decisions are taken with: the champion, and the challenger evaluated in shadow if any. */
    public record Serving(String champion, String challenger) {
    }

    /** Both serving versions' names in one read: what each worker compares with the rules it holds. */
    public Serving serving() {
        String champion = null;
        String challenger = null;
        for (var row : jdbc.queryForList(
                "select version, status from rule_set where status in ('ACTIVE', 'CHALLENGER')")) {
            if ("ACTIVE".equals(row.get("status"))) {
                champion = (String) row.get("version");
            } else {
                challenger = (String) row.get("version");
            }
        }
        return new Serving(champion, challenger);
    }

    /**
     * Makes an approved or retired version the challenger, retiring the challenger before it.
     *
     * @return the version that was the challenger before, or empty; call inside a transaction
     * @throws IllegalStateException when the version cannot become the challenger
     */
    public Optional<String> challenge(String version) {
        return takeSlot(version, "CHALLENGER", "'APPROVED', 'RETIRED'");
    }

    /** Stops a challenger. The champion is never retired this way: publishing another version replaces it. */
    public boolean retireChallenger(String version) {
        return jdbc.update("update rule_set set status = 'RETIRED', retired_at = ? where version = ?"
                + " and status = 'CHALLENGER'", Timestamp.from(now()), version) == 1;
    }

    /** The active version's name only. */
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

    /** Who the rule sets shipped with the application are recorded as written and approved by. */
    public static final String SHIPPED_AUTHOR = "shipped";

    /**
     * Stores the rule set shipped with this release, once. It becomes the active version when none
     * is active or the active one is itself a shipped version nobody replaced: an upgrade moves an
     * untouched policy forward. When business users have published their own, the shipped version
     * is only stored, approved, for them to back-test and publish if they choose; a release never
     * overrides a policy its owners published. Safe to call from every process at every start.
     *
     * @return whether it was stored
     */
    public boolean seed(String version, Content content) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            // Conflicts with itself: processes starting together seed one after another.
            jdbc.execute("lock table rule_set in share row exclusive mode");
            if (find(version).isPresent()) {
                return false;
            }
            Optional<RuleSetVersion> active = active();
            boolean activate = active.isEmpty() || SHIPPED_AUTHOR.equals(active.get().author());
            Timestamp now = Timestamp.from(now());
            active.filter(current -> activate).ifPresent(current -> jdbc.update(
                    "update rule_set set status = 'RETIRED', retired_at = ? where version = ?", now,
                    current.version()));
            jdbc.update("""
                    insert into rule_set (version, status, dmn_xml, test_cases, comment, author, approver, created_at,
                                          approved_at, published_at)
                    values (?, ?, ?, ?::jsonb, 'shipped with the application', ?, 'shipped-review', ?, ?, ?)""",
                    version, activate ? "ACTIVE" : "APPROVED", content.dmnXml(), content.testCasesJson(),
                    SHIPPED_AUTHOR, now, now, activate ? now : null);
            return true;
        }));
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
     * Makes an approved or retired version, or the challenger (a promotion), the active one and
     * retires the version active before.
     *
     * @return the version that was active before, or empty when none was; call inside a transaction
     * @throws IllegalStateException when the version cannot be published (not approved, already active)
     */
    public Optional<String> publish(String version) {
        return takeSlot(version, "ACTIVE", "'APPROVED', 'RETIRED', 'CHALLENGER'");
    }

    /**
     * Puts a version in a serving slot (ACTIVE or CHALLENGER, one version each) and retires the
     * version that held it; the holder's row is locked first, so two editors racing cannot both win.
     */
    private Optional<String> takeSlot(String version, String slot, String allowedFrom) {
        Timestamp now = Timestamp.from(now());
        Optional<String> previous = jdbc.queryForList(
                "select version from rule_set where status = ? for update", String.class, slot).stream().findFirst();
        if (previous.filter(version::equals).isPresent()) {
            throw new IllegalStateException("Rule set " + version + " is already " + slot);
        }
        previous.ifPresent(holder -> jdbc.update(
                "update rule_set set status = 'RETIRED', retired_at = ? where version = ?", now, holder));
        int changed = jdbc.update("update rule_set set status = ?, published_at = ?, retired_at = null"
                + " where version = ? and status in (" + allowedFrom + ")", slot, now, version);
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
