package com.swiftlend.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Six-digit sign-in codes, kept in Redis only as a hash, valid for minutes, used once, and burnt
 * after a few wrong guesses. Checking and consuming is one Lua script, so two requests racing
 * with the right code cannot both sign in, and guesses cannot slip past the attempt limit.
 */
@Component
class OneTimeCodes {

    /** What became of a sign-in attempt. */
    enum Check {
        ACCEPTED,
        REJECTED,
        EXPIRED_OR_UNKNOWN
    }

    /** KEYS[1] the code's hash; ARGV: presented hash, max attempts. */
    private static final RedisScript<Long> VERIFY = RedisScript.of("""
            local stored = redis.call('HGET', KEYS[1], 'hash')
            if not stored then return 2 end
            if stored == ARGV[1] then redis.call('DEL', KEYS[1]) return 0 end
            local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
            if attempts >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) end
            return 1
            """, Long.class);

    /** KEYS[1] the code's hash, KEYS[2] the resend guard; ARGV: hash, ttl ms, resend ms. */
    private static final RedisScript<Long> ISSUE = RedisScript.of("""
            if redis.call('SET', KEYS[2], '1', 'PX', ARGV[3], 'NX') == false then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'attempts', 0)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final AuthProperties.Otp settings;
    private final SecureRandom random = new SecureRandom();

    OneTimeCodes(StringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.settings = properties.otp();
    }

    /** @return the new code, or null when one was sent to this phone too recently */
    String issue(String phoneIndex) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        Long issued = redis.execute(ISSUE, List.of(codeKey(phoneIndex), "otp:resend:" + phoneIndex),
                hash(phoneIndex, code), String.valueOf(settings.ttl().toMillis()),
                String.valueOf(settings.resendInterval().toMillis()));
        return issued != null && issued == 1 ? code : null;
    }

    Check verify(String phoneIndex, String code) {
        Long result = redis.execute(VERIFY, List.of(codeKey(phoneIndex)), hash(phoneIndex, code),
                String.valueOf(settings.maxAttempts()));
        if (result == null || result == 2) {
            return Check.EXPIRED_OR_UNKNOWN;
        }
        return result == 0 ? Check.ACCEPTED : Check.REJECTED;
    }

    private static String codeKey(String phoneIndex) {
        return "otp:code:" + phoneIndex;
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
