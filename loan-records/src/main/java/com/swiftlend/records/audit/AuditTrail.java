package com.swiftlend.records.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the hash-chained audit trail. An append joins the caller's transaction when there is
 * one (so a consent is stored with its application or not at all) and otherwise runs in its own.
 * Appends are serialised by a transaction-scoped advisory lock: the chain is one line, and the
 * lock is taken as the last step of a transaction so it is held only until that commit.
 */
@Component
public class AuditTrail {

    /** Any constant works; it names the chain's lock among the database's advisory locks. */
    static final long CHAIN_LOCK = 0x5357_4C41_5544_4954L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ObjectMapper payloads = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    AuditTrail(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * SHA-256 of a value's canonical JSON: the same facts always digest alike, whatever the field
     * order or number scale, so a decision's inputs can be checked against its record later.
     */
    public String digest(Object value) {
        return ChainHash.sha256(ChainHash.canonical(payloads.valueToTree(value)));
    }

    /**
     * Appends the event unless one of its kind and reference is already in the trail, which is
     * what a retried activity or a replayed request produces.
     *
     * @return whether a record was added
     */
    public boolean append(AuditEvent event) {
        // The payload is hashed as the database will give it back, exactly as the verifier reads it.
        String payloadJson = ChainHash.canonical(payloads.valueToTree(event));
        JsonNode payload = ChainHash.parse(payloadJson);
        return Boolean.TRUE.equals(transactions.execute(status -> {
            jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, CHAIN_LOCK);
            Integer existing = jdbc.queryForObject(
                    "select count(*) from audit_record where kind = ? and reference = ?", Integer.class,
                    event.kind().name(), event.reference());
            if (existing != null && existing > 0) {
                return false;
            }
            List<Object[]> last = jdbc.query("select sequence, hash from audit_record order by sequence desc limit 1",
                    (rs, row) -> new Object[] {rs.getLong(1), rs.getString(2)});
            long sequence = last.isEmpty() ? 1 : (long) last.get(0)[0] + 1;
            String previousHash = last.isEmpty() ? ChainHash.GENESIS : (String) last.get(0)[1];
            Instant recordedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            String hash = ChainHash.hash(previousHash, sequence, event.kind().name(), event.applicationId(),
                    event.reference(), payload, recordedAt);
            return jdbc.update("""
                    insert into audit_record (sequence, kind, application_id, reference, payload, recorded_at,
                                              previous_hash, hash)
                    values (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                    on conflict (kind, reference) do nothing""",
                    sequence, event.kind().name(), event.applicationId(), event.reference(), payloadJson,
                    OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC), previousHash, hash) == 1;
        }));
    }
}
