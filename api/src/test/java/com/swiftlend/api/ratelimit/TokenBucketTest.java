package com.swiftlend.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The token-bucket script's arithmetic against a real Redis. Elapsed time is simulated by moving
 * a bucket's {@code at} back in Redis's own clock, so no test sleeps; the refill period is an hour,
 * so the milliseconds a test really takes do not change a whole token.
 */
class TokenBucketTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long HOUR_MS = HOUR.toMillis();

    private static EmbeddedRedis redis;
    private static TokenBucket buckets;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = EmbeddedRedis.start();
        buckets = new TokenBucket(redis.template());
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    private static String newKey() {
        return "rate:test:" + UUID.randomUUID();
    }

    /** Leaves the bucket as if it held {@code tokens} {@code periodsAgo} refill periods ago, by Redis's clock. */
    private static void bucketWas(String key, double tokens, double periodsAgo) {
        StringRedisTemplate template = redis.template();
        Long nowMs = template.execute((RedisCallback<Long>) connection -> connection.serverCommands().time());
        long atMicros = nowMs * 1_000 - (long) (periodsAgo * HOUR.toNanos() / 1_000);
        template.opsForHash().put(key, "tokens", String.valueOf(tokens));
        template.opsForHash().put(key, "at", String.valueOf(atMicros));
    }

    @Test
    void givenNewBucket_whenTakingMoreThanItsCapacity_itAllowsCapacityThenRefusesWithTheWaitForOneToken() {
        String key = newKey();

        List<TokenBucket.Take> takes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            takes.add(buckets.take(key, 3, HOUR));
        }

        assertThat(takes).extracting(TokenBucket.Take::allowed).containsExactly(true, true, true, false);
        assertThat(takes).extracting(TokenBucket.Take::remaining).containsExactly(2L, 1L, 0L, 0L);
        assertThat(takes.get(2).untilNextToken().toMillis()).isBetween(HOUR_MS - 5_000, HOUR_MS);
        assertThat(takes.get(3).untilNextToken().toMillis()).isBetween(HOUR_MS - 5_000, HOUR_MS);
        assertThat(takes.get(0).untilNextToken()).isZero();
    }

    @Test
    void givenEmptyBucket_whenHalfAPeriodHasPassed_itRefusesAndWaitsTheOtherHalf() {
        String key = newKey();
        bucketWas(key, 0, 0.5);

        TokenBucket.Take take = buckets.take(key, 3, HOUR);

        assertThat(take.allowed()).isFalse();
        assertThat(take.untilNextToken().toMillis()).isBetween(HOUR_MS / 2 - 5_000, HOUR_MS / 2);
    }

    @Test
    void givenEmptyBucket_whenOneAndAHalfPeriodsHavePassed_itAllowsOneAndKeepsTheHalfToken() {
        String key = newKey();
        bucketWas(key, 0, 1.5);

        TokenBucket.Take take = buckets.take(key, 3, HOUR);

        assertThat(take.allowed()).isTrue();
        assertThat(take.remaining()).isZero();
        assertThat(take.untilNextToken().toMillis()).isBetween(HOUR_MS / 2 - 5_000, HOUR_MS / 2);
        double tokens = Double.parseDouble((String) redis.template().opsForHash().get(key, "tokens"));
        assertThat(tokens).isBetween(0.499, 0.501);
    }

    @Test
    void givenBucketIdleForLong_whenTaking_itRefillsNoFurtherThanItsCapacity() {
        String key = newKey();
        bucketWas(key, 0, 100);

        TokenBucket.Take take = buckets.take(key, 3, HOUR);

        assertThat(take.allowed()).isTrue();
        assertThat(take.remaining()).isEqualTo(2);
    }

    @Test
    void givenBucketTakenFrom_itExpiresWhenItWouldHaveRefilledCompletely() {
        String key = newKey();
        Duration tenSeconds = Duration.ofSeconds(10);

        buckets.take(key, 3, tenSeconds);
        buckets.take(key, 3, tenSeconds);

        // Two tokens short of full, one per 10 s: full again in 20 s, and a missing bucket is a full one.
        Long ttl = redis.template().getExpire(key, TimeUnit.MILLISECONDS);
        assertThat(ttl).isBetween(19_000L, 20_000L);
        assertThat(redis.template().opsForHash().keys(key)).containsExactlyInAnyOrder("tokens", "at");
    }

    @Test
    void givenManyConcurrentTakes_whenTheBucketHoldsFewerTokens_itHandsOutExactlyItsCapacity() throws Exception {
        String key = newKey();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                takes.add(() -> buckets.take(key, 10, HOUR).allowed());
            }
            long allowed = 0;
            for (Future<Boolean> take : pool.invokeAll(takes)) {
                allowed += take.get() ? 1 : 0;
            }

            assertThat(allowed).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenSubMillisecondRefillPeriod_whenTaking_itCountsInMicroseconds() {
        String key = newKey();

        TokenBucket.Take take = buckets.take(key, 1, Duration.ofNanos(500_000));

        assertThat(take.allowed()).isTrue();
        assertThat(take.untilNextToken().toMillis()).isBetween(0L, 1L);
    }
}
