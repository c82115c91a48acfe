package com.swiftlend.api.ratelimit;

import com.swiftlend.api.ratelimit.RateLimitProperties.Limit;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Counts a request against one dimension's bucket and refuses it when the bucket is empty.
 *
 * <p>When Redis cannot answer, each dimension does what its {@code fail-open} setting says. The
 * defaults: the client address fails open, because it meters every request, status reads and
 * operator verdicts included, and refusing them all during a Redis blip would be an outage of
 * the whole API made by a guard. The device fails open, because a device id is whatever the
 * client sends, so the limit only slows honest or naive clients, and the device and velocity
 * risk checks still see each application. The borrower fails closed: it is the limit that stands
 * between a stolen or guessed identity and a stream of applications (and the one login will
 * lean on), so an attacker who can make Redis stall must not lift it; only submissions wait, for
 * seconds, and a submission is safe to retry with its Idempotency-Key.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /** A Redis restart or failover takes seconds; asking clients back sooner only adds load to it. */
    static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(5);

    /** While Redis is down every request fails the same way; one line per dimension per interval says so. */
    private static final long WARN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final TokenBucket buckets;
    private final RateLimitProperties properties;
    private final Map<RateLimitDimension, AtomicLong> lastWarned = new EnumMap<>(RateLimitDimension.class);

    RateLimiter(TokenBucket buckets, RateLimitProperties properties) {
        this.buckets = buckets;
        this.properties = properties;
        for (RateLimitDimension dimension : RateLimitDimension.values()) {
            lastWarned.put(dimension, new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS));
        }
    }

    /**
     * Takes one token for {@code identifier} (an address, device id or ID number) from the
     * {@code dimension}'s bucket; answers normally when the request may go on.
     *
     * @throws RateLimitedException when the bucket is empty (answered 429)
     * @throws RateLimiterUnavailableException when Redis cannot answer and the dimension fails closed (503)
     */
    public void check(RateLimitDimension dimension, String identifier) {
        Limit limit = properties.of(dimension);
        if (!limit.enabled() || identifier == null || identifier.isBlank()) {
            return;
        }
        TokenBucket.Take take;
        try {
            take = buckets.take(BucketKeys.of(dimension, identifier), limit.capacity(), limit.refillPeriod());
        } catch (DataAccessException e) {
            warnUnavailable(dimension, limit, e);
            if (limit.failOpen()) {
                return;
            }
            throw new RateLimiterUnavailableException(dimension);
        }
        if (!take.allowed()) {
            throw new RateLimitedException(dimension, take.untilNextToken());
        }
    }

    private void warnUnavailable(RateLimitDimension dimension, Limit limit, DataAccessException e) {
        AtomicLong last = lastWarned.get(dimension);
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= WARN_INTERVAL_NANOS && last.compareAndSet(previous, now)) {
            // The identifier is never logged, and the exception carries only the hashed key.
            log.warn("Rate limiting by {} cannot reach Redis ({}: {}); requests are {} until it answers",
                    dimension.id(), e.getClass().getSimpleName(), e.getMessage(),
                    limit.failOpen() ? "let through (fail open)" : "refused with 503 (fail closed)");
        }
    }

    /**
     * The bucket is empty. No stack trace: under a flood these are thrown by the thousand and the
     * trace would say nothing the dimension does not.
     */
    static final class RateLimitedException extends RuntimeException {

        private final RateLimitDimension dimension;
        private final Duration retryAfter;

        RateLimitedException(RateLimitDimension dimension, Duration retryAfter) {
            super("rate limited by " + dimension.id(), null, false, false);
            this.dimension = dimension;
            this.retryAfter = retryAfter;
        }

        RateLimitDimension dimension() {
            return dimension;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Redis cannot answer and the dimension fails closed. */
    static final class RateLimiterUnavailableException extends RuntimeException {

        private final RateLimitDimension dimension;

        RateLimiterUnavailableException(RateLimitDimension dimension) {
            super("rate limiting by " + dimension.id() + " is unavailable", null, false, false);
            this.dimension = dimension;
        }

        RateLimitDimension dimension() {
            return dimension;
        }
    }
}
