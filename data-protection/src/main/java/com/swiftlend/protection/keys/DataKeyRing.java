package com.swiftlend.protection.keys;

import com.swiftlend.protection.kms.KeyManagementService;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentNavigableMap;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data keys, stored wrapped in the {@code data_key} table (migration V4 of loan-records) and
 * kept unwrapped in memory once used. Every process of a deployment shares the table:
 * <ul>
 * <li>version 1 of a purpose is created on first use with {@code on conflict do nothing}, then read
 * back, so processes starting together agree on one key;</li>
 * <li>a version this process has not seen (another process rotated) triggers a reload, so both
 * versions decrypt during a rotation;</li>
 * <li>the active version is re-read at most every {@code refresh}, so a process that did not rotate
 * stops writing under the old version soon after another one did.</li>
 * </ul>
 * A new key is committed in a transaction of its own before it is used: created inside a caller's
 * transaction (a converter flushing an entity) and rolled back with it, it would stay cached here
 * while the next process created another version 1, and values encrypted meanwhile would be lost.
 * Each wrapped key is bound to {@code data-key/<purpose>/<version>} as associated data, so a row
 * copied to another purpose or version does not unwrap.
 */
public class DataKeyRing implements DataKeys {

    private static final int KEY_BYTES = 32;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final KeyManagementService kms;
    private final Clock clock;
    private final Duration refresh;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<KeyPurpose, ConcurrentNavigableMap<Integer, DataKey>> keys = new ConcurrentHashMap<>();
    private final ConcurrentMap<KeyPurpose, Instant> loadedAt = new ConcurrentHashMap<>();

    public DataKeyRing(JdbcTemplate jdbc, PlatformTransactionManager transactions, KeyManagementService kms,
            Clock clock, Duration refresh) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.kms = kms;
        this.clock = clock;
        this.refresh = refresh;
    }

    @Override
    public DataKey active(KeyPurpose purpose) {
        Instant loaded = loadedAt.get(purpose);
        if (loaded == null || !clock.instant().isBefore(loaded.plus(refresh))) {
            load(purpose);
        }
        ConcurrentNavigableMap<Integer, DataKey> versions = keys.get(purpose);
        if (versions == null || versions.isEmpty()) {
            insert(purpose, 1);
            load(purpose);
            versions = keys.get(purpose);
        }
        return versions.lastEntry().getValue();
    }

    @Override
    public DataKey version(KeyPurpose purpose, int version) {
        DataKey key = cached(purpose, version);
        if (key == null) {
            load(purpose);
            key = cached(purpose, version);
        }
        if (key == null) {
            throw new IllegalStateException("No " + purpose + " data key version " + version);
        }
        return key;
    }

    /**
     * Adds the next version of a purpose's key and makes it the active one here at once (other
     * processes within their refresh interval). Values under older versions still decrypt; the
     * re-encryption job moves them over.
     *
     * @return the new version
     */
    public int rotate(KeyPurpose purpose) {
        if (purpose == KeyPurpose.BLIND_INDEX) {
            // An index is only useful if every row's index was computed under the same key: a new
            // key would make every stored index unfindable until all rows (and every Redis key)
            // were re-indexed, which needs the plaintext of every blacklisted identifier.
            throw new UnsupportedOperationException("The blind-index key is not rotated: every index would change");
        }
        int next = active(purpose).version() + 1;
        if (!insert(purpose, next)) {
            throw new IllegalStateException("Another process created " + purpose + " key version " + next
                    + " at the same time; it is active now");
        }
        load(purpose);
        return next;
    }

    private DataKey cached(KeyPurpose purpose, int version) {
        Map<Integer, DataKey> versions = keys.get(purpose);
        return versions == null ? null : versions.get(version);
    }

    private boolean insert(KeyPurpose purpose, int version) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        byte[] wrapped = kms.wrap(key, context(purpose, version));
        return ownTransaction.execute(status -> jdbc.update("""
                insert into data_key (purpose, version, kms_key_id, wrapped_key, created_at)
                values (?, ?, ?, ?, ?)
                on conflict (purpose, version) do nothing""",
                purpose.name(), version, kms.activeKeyId(), wrapped, Timestamp.from(clock.instant())) == 1);
    }

    private synchronized void load(KeyPurpose purpose) {
        ConcurrentNavigableMap<Integer, DataKey> versions = keys.computeIfAbsent(purpose,
                p -> new ConcurrentSkipListMap<>());
        jdbc.query("select version, kms_key_id, wrapped_key from data_key where purpose = ? order by version",
                row -> {
                    int version = row.getInt("version");
                    if (!versions.containsKey(version)) {
                        byte[] key = kms.unwrap(row.getString("kms_key_id"), row.getBytes("wrapped_key"),
                                context(purpose, version));
                        versions.put(version, new DataKey(purpose, version, new SecretKeySpec(key, "AES")));
                    }
                }, purpose.name());
        loadedAt.put(purpose, clock.instant());
    }

    private static byte[] context(KeyPurpose purpose, int version) {
        return ("data-key/" + purpose + "/" + version).getBytes(StandardCharsets.UTF_8);
    }
}
