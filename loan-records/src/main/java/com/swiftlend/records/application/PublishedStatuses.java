package com.swiftlend.records.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.swiftlend.workflows.application.ApplicationStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes and reads the published statuses. Reading is one primary-key lookup in plain JDBC, outside any transaction,
 * of the status columns only. None of the encrypted personal data is read, so nothing is
 * decrypted, and nothing asks the workflow. Measured under 16 concurrent pollers, the JPA read
 * this replaces spent most of its time opening and closing a read-only transaction around the
 * lookup.
 */
@Component
public class PublishedStatuses {

    /** Where the records publish "application X has a new revision" (Redis pub/sub), for live streams. */
    public static final String UPDATES_CHANNEL = "swiftlend:application-status";

    static final String COLUMNS = "id, phone_index, revision, status, current_step, risk_checks::text,"
            + " decision::text, payout::text, review::text, funding::text, routing::text, submitted_at, updated_at,"
            + " decided_at, review_deadline, completed_at";

    private final JdbcTemplate jdbc;
    /**
     * Jackson with the modules on the class path, as Hibernate builds its JSON mapping: the JSON
     * columns written here are the ones {@link LoanApplication} reads through Hibernate.
     */
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    PublishedStatuses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes a status revision from the workflow: the application's row and its history, in the
     * caller's transaction. Activities may be retried and deliveries may overlap, so a revision
     * not newer than the one held changes nothing. One conditional update and one insert, in
     * plain JDBC: loading the entity to change it decrypted the applicant's personal data and
     * dirty-checked seven JSON columns on every revision, a tenth of the CPU under load.
     *
     * @return whether the revision was newer and is now held; empty when there is no such application
     */
    public Optional<Boolean> record(ApplicationStatus status) {
        UUID id = UUID.fromString(status.id());
        int updated = jdbc.update("""
                update loan_application
                   set status = ?, current_step = ?, revision = ?, risk_checks = ?::jsonb, decision = ?::jsonb,
                       payout = ?::jsonb, review = ?::jsonb, funding = ?::jsonb, routing = ?::jsonb,
                       decided_at = ?, review_deadline = ?, completed_at = ?, updated_at = ?, version = version + 1
                 where id = ? and revision < ?""",
                status.status().name(), status.step().name(), status.revision(),
                write(status.riskChecks() == null ? List.of() : status.riskChecks()), write(status.decision()),
                write(status.payout()), write(status.review()), write(status.funding()), write(status.routing()),
                timestamp(status.decidedAt()), timestamp(status.reviewDeadline()), timestamp(status.completedAt()),
                timestamp(status.updatedAt()), id, status.revision());
        if (updated == 0) {
            Boolean exists = jdbc.queryForObject("select exists (select 1 from loan_application where id = ?)",
                    Boolean.class, id);
            return Boolean.TRUE.equals(exists) ? Optional.of(false) : Optional.empty();
        }
        jdbc.update("""
                insert into application_status_history (application_id, revision, status, step, recorded_at, snapshot)
                values (?, ?, ?, ?, ?, ?::jsonb)
                on conflict (application_id, revision) do nothing""",
                id, status.revision(), status.status().name(), status.step().name(), timestamp(status.updatedAt()),
                write(status));
        return Optional.of(true);
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write a status revision", e);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * The revisions after {@code revision}, oldest first, each whole as it was recorded: what a
     * live stream resumed at that revision has not seen. Revisions recorded before V10 kept no
     * snapshot and are not among them.
     */
    public List<ApplicationStatus> revisionsAfter(UUID id, int revision) {
        return jdbc.query("""
                select snapshot::text from application_status_history
                 where application_id = ? and revision > ? and snapshot is not null
                 order by revision""", (row, n) -> read(row.getString(1)), id, revision);
    }

    private ApplicationStatus read(String snapshot) {
        try {
            return json.readValue(snapshot, ApplicationStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable status snapshot", e);
        }
    }

    public Optional<PublishedStatus> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from loan_application where id = ?",
                (row, n) -> new PublishedStatus(row, json), id).stream().findFirst();
    }
}
