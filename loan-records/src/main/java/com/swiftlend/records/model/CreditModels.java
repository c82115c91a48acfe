package com.swiftlend.records.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credit model registry ({@code credit_model}): every version's PMML, card and feature
 * mapping, and its role. Each role change is one conditional update on the role it leaves, so two
 * editors acting at once cannot both promote; callers join it to their transaction with the audit
 * record of the same change. Versions are stored only once they loaded and verified (callers
 * prove that with the scoring module before calling {@link #register}).
 */
@Component
public class CreditModels {

    /** What a version is for. */
    public enum Role {
        REGISTERED, CHAMPION, CHALLENGER, RETIRED
    }

    /** A version without its files: what lists show. */
    public record Version(String version, Role role, String pmmlSha256, String cardJson, String registeredBy,
            Instant registeredAt, Instant roleChangedAt) {
    }

    /** What identifies a version's content without its PMML's bytes: the audit trail's digest of a change. */
    public record Identity(String pmmlSha256, String cardJson, String featureMappingJson) {
    }

    /** A version's files, as uploaded. */
    public record Files(byte[] pmml, String cardJson, String featureMappingJson) {
    }

    /** Who the model shipped with the application is recorded as registered by. */
    public static final String SHIPPED = "shipped";

    private static final String COLUMNS = "version, role, pmml_sha256, card::text, registered_by, registered_at,"
            + " role_changed_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CreditModels(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public List<Version> list() {
        return jdbc.query("select " + COLUMNS + " from credit_model order by registered_at desc, version desc",
                CreditModels::version);
    }

    public Optional<Version> find(String version) {
        return jdbc.query("select " + COLUMNS + " from credit_model where version = ?", CreditModels::version,
                version).stream().findFirst();
    }

    public Optional<Files> files(String version) {
        return jdbc.query("select pmml, card::text, feature_mapping::text from credit_model where version = ?",
                (row, n) -> new Files(row.getBytes(1), row.getString(2), row.getString(3)), version).stream()
                .findFirst();
    }

    public Optional<Identity> identity(String version) {
        return jdbc.query("select pmml_sha256, card::text, feature_mapping::text from credit_model where version = ?",
                (row, n) -> new Identity(row.getString(1), row.getString(2), row.getString(3)), version).stream()
                .findFirst();
    }

    /** The versions that serve, by role: what every worker compares with the models it holds. */
    public record Serving(String champion, List<String> challengers) {
    }

    public Serving serving() {
        String champion = null;
        List<String> challengers = new ArrayList<>();
        for (var row : jdbc.queryForList("select version, role from credit_model where role in ('CHAMPION',"
                + " 'CHALLENGER') order by version")) {
            if ("CHAMPION".equals(row.get("role"))) {
                champion = (String) row.get("version");
            } else {
                challengers.add((String) row.get("version"));
            }
        }
        return new Serving(champion, List.copyOf(challengers));
    }

    /** Stores a verified version, serving nothing yet. Call inside a transaction with its audit record. */
    public Version register(String version, Files files, String registeredBy) {
        Timestamp now = Timestamp.from(now());
        jdbc.update("""
                insert into credit_model (version, role, pmml, pmml_sha256, card, feature_mapping, registered_by,
                                          registered_at, role_changed_at)
                values (?, 'REGISTERED', ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)""", version, files.pmml(),
                sha256(files.pmml()), files.cardJson(), files.featureMappingJson(), registeredBy, now, now);
        return find(version).orElseThrow();
    }

    /**
     * Stores the model shipped with this release, once, and makes it the champion when there is
     * none or the champion is itself a shipped version: an upgrade moves an untouched model
     * forward, never over one its owners promoted. Safe to call from every process at every start.
     */
    public boolean seed(String version, byte[] pmml, byte[] card, byte[] featureMapping) {
        Files files = new Files(pmml, new String(card, StandardCharsets.UTF_8),
                new String(featureMapping, StandardCharsets.UTF_8));
        return Boolean.TRUE.equals(transactions.execute(status -> {
            // Conflicts with itself: processes starting together seed one after another.
            jdbc.execute("lock table credit_model in share row exclusive mode");
            if (find(version).isPresent()) {
                return false;
            }
            register(version, files, SHIPPED);
            Optional<String> champion = Optional.ofNullable(serving().champion());
            boolean promote = champion.isEmpty() || find(champion.get()).map(Version::registeredBy)
                    .filter(SHIPPED::equals).isPresent();
            if (promote) {
                promote(version);
            }
            return true;
        }));
    }

    /**
     * Makes a version the champion, retiring the champion before it.
     *
     * @return the version that was the champion before, or empty; call inside a transaction
     * @throws IllegalStateException when the version is not registered
     */
    public Optional<String> promote(String version) {
        Optional<String> previous = Optional.ofNullable(serving().champion()).filter(current -> !current.equals(version));
        Timestamp now = Timestamp.from(now());
        previous.ifPresent(current -> jdbc.update("update credit_model set role = 'RETIRED', role_changed_at = ?"
                + " where version = ? and role = 'CHAMPION'", now, current));
        if (jdbc.update("update credit_model set role = 'CHAMPION', role_changed_at = ? where version = ?", now,
                version) != 1) {
            throw new IllegalStateException("Model " + version + " is not registered");
        }
        return previous;
    }

    /** Makes a registered or retired version a challenger; the champion is not demoted this way. */
    public boolean challenge(String version) {
        return jdbc.update("update credit_model set role = 'CHALLENGER', role_changed_at = ? where version = ?"
                + " and role in ('REGISTERED', 'RETIRED')", Timestamp.from(now()), version) == 1;
    }

    /** Stops a challenger or a registered version; the champion is replaced by promoting another, never retired. */
    public boolean retire(String version) {
        return jdbc.update("update credit_model set role = 'RETIRED', role_changed_at = ? where version = ?"
                + " and role in ('REGISTERED', 'CHALLENGER')", Timestamp.from(now()), version) == 1;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Version version(ResultSet row, int n) throws SQLException {
        return new Version(row.getString(1), Role.valueOf(row.getString(2)), row.getString(3), row.getString(4),
                row.getString(5), row.getTimestamp(6).toInstant(), row.getTimestamp(7).toInstant());
    }
}
