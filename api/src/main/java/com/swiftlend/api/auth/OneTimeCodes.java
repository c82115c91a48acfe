package com.swiftlend.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Six-digit sign-in codes, kept in Redis only as a hash, valid for minutes, used once, and burnt
 * after a few wrong guesses. A phone's wrong guesses are also counted across codes, per hour and
 * per day, and past either limit the phone can neither sign in nor be sent a code until the
 * window ends: a fresh code must not mean fresh guesses. Codes sent are capped per day. Each
 * check is one Lua script, so racing requests cannot both use a code or slip past a limit.
 *
 * <p>Every key of a phone carries its index as a hash tag, so a script's keys share a Redis
 * Cluster slot. Windows are fixed, from the first event they count.
 */
@Component
class OneTimeCodes {

    /** What became of a sign-in attempt that was not refused outright. */
    enum Check {
        ACCEPTED,
        REJECTED,
        EXPIRED_OR_UNKNOWN
    }

    /**
     * Shared by both scripts: {@code lockedFor} answers how long a failure window still locks the
     * phone (-1: it does not); {@code count} counts an event in a window that starts with it.
     */
    private static final String WINDOWS = """
            local function lockedFor(key, max)
              local n = tonumber(redis.call('GET', key) or '0')
              if n < max then return -1 end
              return math.max(redis.call('PTTL', key), 0)
            end
            local function count(key, ms)
              if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ms) end
            end
            """;

    /**
     * KEYS: code, failures this hour, failures today. ARGV: presented hash, guesses per code,
     * failures per hour, per day, an hour and a day in ms. Returns {0 accepted | 1 rejected |
     * 2 no such code | 3 locked, ms to wait}. The hashes are compared without an early exit, so
     * the time taken does not tell how much of one matched.
     */
    private static final RedisScript<List> VERIFY = RedisScript.of(WINDOWS + """
            local wait = math.max(lockedFor(KEYS[2], tonumber(ARGV[3])), lockedFor(KEYS[3], tonumber(ARGV[4])))
            if wait >= 0 then return {3, wait} end
            local stored = redis.call('HGET', KEYS[1], 'hash')
            if stored and #stored == #ARGV[1] then
              local diff = 0
              for i = 1, #stored do diff = bit.bor(diff, bit.bxor(stored:byte(i), ARGV[1]:byte(i))) end
              if diff == 0 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) return {0, 0} end
            end
            count(KEYS[2], ARGV[5])
            count(KEYS[3], ARGV[6])
            if not stored then return {2, 0} end
            if redis.call('HINCRBY', KEYS[1], 'attempts', 1) >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) end
            return {1, 0}
            """, List.class);

    /**
     * KEYS: code, resend guard, failures this hour, failures today, codes sent today. ARGV: hash,
     * ttl ms, resend ms, failures per hour, per day, codes per day, a day in ms. Returns {1 issued |
     * 0 too soon | 3 locked | 4 daily codes used, ms to wait}.
     */
    private static final RedisScript<List> ISSUE = RedisScript.of(WINDOWS + """
            local wait = math.max(lockedFor(KEYS[3], tonumber(ARGV[4])), lockedFor(KEYS[4], tonumber(ARGV[5])))
            if wait >= 0 then return {3, wait} end
            local guard = redis.call('PTTL', KEYS[2])
            if guard > 0 then return {0, guard} end
            if tonumber(redis.call('GET', KEYS[5]) or '0') >= tonumber(ARGV[6]) then
              return {4, math.max(redis.call('PTTL', KEYS[5]), 0)}
            end
            redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
            count(KEYS[5], ARGV[7])
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'attempts', 0)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return {1, 0}
            """, List.class);

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final StringRedisTemplate redis;
    private final AuthProperties.Otp settings;
    private final SecureRandom random = new SecureRandom();

    OneTimeCodes(StringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.settings = properties.otp();
    }

    /**
     * @return the new code, to be sent
     * @throws SignInRefusedException when one was sent too recently, today's codes are used, or
     *     the phone is locked out
     */
    String issue(String phoneIndex) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        List<?> result = redis.execute(ISSUE,
                List.of(key(phoneIndex, "code"), key(phoneIndex, "resend"), key(phoneIndex, "failures:hour"),
                        key(phoneIndex, "failures:day"), key(phoneIndex, "sent:day")),
                hash(phoneIndex, code), millis(settings.ttl()), millis(settings.resendInterval()),
                String.valueOf(settings.maxFailuresPerHour()), String.valueOf(settings.maxFailuresPerDay()),
                String.valueOf(settings.maxCodesPerDay()), millis(DAY));
        Duration wait = Duration.ofMillis(((Number) result.get(1)).longValue());
        return switch (((Number) result.get(0)).intValue()) {
            case 1 -> code;
            case 0 -> throw new SignInRefusedException(SignInRefusedException.CODE_TOO_SOON,
                    "A code was sent to this phone moments ago; wait before asking for another.", wait);
            case 4 -> throw new SignInRefusedException(SignInRefusedException.DAILY_CODES_USED,
                    "Today's sign-in codes for this phone have been sent.", wait);
            default -> throw locked(wait);
        };
    }

    /** @throws SignInRefusedException when the phone is locked out, even for the right code */
    Check verify(String phoneIndex, String code) {
        List<?> result = redis.execute(VERIFY,
                List.of(key(phoneIndex, "code"), key(phoneIndex, "failures:hour"), key(phoneIndex, "failures:day")),
                hash(phoneIndex, code), String.valueOf(settings.maxAttempts()),
                String.valueOf(settings.maxFailuresPerHour()), String.valueOf(settings.maxFailuresPerDay()),
                millis(HOUR), millis(DAY));
        return switch (((Number) result.get(0)).intValue()) {
            case 0 -> Check.ACCEPTED;
            case 1 -> Check.REJECTED;
            case 2 -> Check.EXPIRED_OR_UNKNOWN;
            default -> throw locked(Duration.ofMillis(((Number) result.get(1)).longValue()));
        };
    }

    private static SignInRefusedException locked(Duration wait) {
        return new SignInRefusedException(SignInRefusedException.LOCKED,
                "Too many wrong codes for this phone; sign-in is locked for a while.", wait);
    }

    private static String key(String phoneIndex, String part) {
        return "otp:{" + phoneIndex + "}:" + part;
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }

    /** Salted with the phone's index so equal codes of two phones hash differently. */
    private static String hash(String phoneIndex, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(phoneIndex.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
