package com.swiftlend.api.ratelimit;

import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * A token bucket per key, kept in Redis so every API instance draws from the same bucket. The
 * whole read-refill-take-write runs as one Lua script, so concurrent requests cannot both take
 * the last token, and it reads the time from Redis, so instances with drifting clocks agree.
 */
@Component
class TokenBucket {

    /** What one take answered: whether it was allowed, whole tokens left, and the wait for the next. */
    record Take(boolean allowed, long remaining, Duration untilNextToken) {
    }

    /**
     * KEYS[1]: the bucket, a hash of {@code tokens} (fractional) and {@code at} (µs of Redis time
     * when tokens was last brought up to date). ARGV[1]: capacity; ARGV[2]: refill period in µs
     * (one token per period, refilled continuously). Answers {allowed 1/0, whole tokens left, ms
     * until one token is there (0 if it is)}. A new or expired bucket is full, so the key may
     * expire once it would have refilled completely. Time is read with TIME: Redis 7 replicates a
     * script's effects, not the script, so a non-deterministic command before a write is safe. If
     * the clock goes back (a failover to a replica behind in time), nothing refills until it
     * passes {@code at} again, which never hands out extra tokens.
     */
    private static final RedisScript<List> SCRIPT = RedisScript.of("""
            local capacity = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil or at == nil then
              tokens = capacity
              at = now
            elseif now > at then
              tokens = tokens + (now - at) / period
              at = now
            end
            tokens = math.min(capacity, tokens)
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            local wait = 0
            if tokens < 1 then
              wait = math.ceil((1 - tokens) * period / 1000)
            end
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%d', at))
            redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((capacity - tokens) * period / 1000)))
            return {allowed, math.floor(tokens), wait}
            """, List.class);

    private final StringRedisTemplate redis;

    TokenBucket(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Takes one token from the bucket at {@code key}; runs as EVALSHA after the first call. */
    Take take(String key, int capacity, Duration refillPeriod) {
        long periodMicros = Math.max(1, refillPeriod.toNanos() / 1_000);
        List<?> answer = redis.execute(SCRIPT, List.of(key), String.valueOf(capacity), String.valueOf(periodMicros));
        if (answer == null || answer.size() != 3) {
            throw new IllegalStateException("the token-bucket script answered " + answer);
        }
        return new Take(((Number) answer.get(0)).longValue() == 1, ((Number) answer.get(1)).longValue(),
                Duration.ofMillis(((Number) answer.get(2)).longValue()));
    }
}
