package com.swiftlend.api.auth;

import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Slows an online password guesser to a crawl: after a run of wrong passwords a username is
 * locked, each further wrong password doubles the lock, and every lock is on the audit trail. It
 * counts usernames, not accounts, so a locked unknown name answers like a locked real one.
 */
@Component
class StaffLockout {

    /**
     * KEYS: failures, lock. ARGV: free failures, first lock ms, max lock ms, failures kept ms.
     * Returns {failures so far, lock ms (0: none)}.
     */
    private static final RedisScript<List> FAILED = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            local free = tonumber(ARGV[1])
            if n < free then return {n, 0} end
            local lock = math.min(tonumber(ARGV[2]) * math.pow(2, n - free), tonumber(ARGV[3]))
            redis.call('SET', KEYS[2], '1', 'PX', math.floor(lock))
            return {n, math.floor(lock)}
            """, List.class);

    private final StringRedisTemplate redis;
    private final AuthProperties.StaffLockout settings;
    private final AuditTrail audit;
    private final Clock clock;

    StaffLockout(StringRedisTemplate redis, AuthProperties properties, AuditTrail audit, Clock clock) {
        this.redis = redis;
        this.settings = properties.staffLockout();
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws SignInRefusedException while the username is locked, before any password is checked */
    void refuseWhileLocked(String username) {
        Long wait = redis.getExpire(key(username, "lock"), TimeUnit.MILLISECONDS);
        if (wait != null && wait > 0) {
            throw locked(Duration.ofMillis(wait));
        }
    }

    /** A wrong password (or an unknown username); locks and audits once the run is long enough. */
    void failed(String username) {
        List<?> result = redis.execute(FAILED, List.of(key(username, "failures"), key(username, "lock")),
                String.valueOf(settings.freeFailures()), String.valueOf(settings.firstLock().toMillis()),
                String.valueOf(settings.maxLock().toMillis()), String.valueOf(settings.failuresKept().toMillis()));
        int failures = ((Number) result.get(0)).intValue();
        Duration lock = Duration.ofMillis(((Number) result.get(1)).longValue());
        if (!lock.isZero()) {
            Instant now = clock.instant();
            audit.append(new AuditEvent.StaffLockedOut(username, failures, lock.toSeconds(), now, now.plus(lock),
                    UUID.randomUUID().toString()));
        }
    }

    void succeeded(String username) {
        redis.delete(key(username, "failures"));
    }

    private static SignInRefusedException locked(Duration wait) {
        return new SignInRefusedException(SignInRefusedException.LOCKED,
                "Too many wrong passwords for this account; sign-in is locked for a while.", wait);
    }

    private static String key(String username, String part) {
        return "staff:{" + username + "}:" + part;
    }
}
