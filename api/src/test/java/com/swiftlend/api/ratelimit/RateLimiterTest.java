package com.swiftlend.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.api.ratelimit.RateLimitProperties.Limit;
import com.swiftlend.api.ratelimit.RateLimiter.RateLimitedException;
import com.swiftlend.api.ratelimit.RateLimiter.RateLimiterUnavailableException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The limiter's decisions per dimension, with Redis there and with Redis gone. */
class RateLimiterTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private static EmbeddedRedis redis;
    private static EmbeddedRedis noRedis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = EmbeddedRedis.start();
        noRedis = EmbeddedRedis.unreachable();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
        noRedis.close();
    }

    private static RateLimiter limiter(EmbeddedRedis on, RateLimitProperties properties) {
        return new RateLimiter(new TokenBucket(on.template()), properties);
    }

    /** The shipped fail-open choices: address and device open, borrower and decoder closed. */
    private static RateLimitProperties limits(int capacity, boolean borrowerEnabled) {
        return new RateLimitProperties(new Limit(true, capacity, HOUR, true), new Limit(true, capacity, HOUR, true),
                new Limit(borrowerEnabled, capacity, HOUR, false), new Limit(true, capacity, HOUR, false));
    }

    @Test
    void givenEmptyBucket_whenChecking_itRefusesNamingTheDimensionAndTheWait() {
        RateLimiter limiter = limiter(redis, limits(1, true));
        String device = "device-" + UUID.randomUUID();
        limiter.check(RateLimitDimension.DEVICE, device);

        assertThatThrownBy(() -> limiter.check(RateLimitDimension.DEVICE, device))
                .isInstanceOfSatisfying(RateLimitedException.class, refused -> {
                    assertThat(refused.dimension()).isEqualTo(RateLimitDimension.DEVICE);
                    assertThat(refused.retryAfter()).isBetween(HOUR.minusSeconds(5), HOUR);
                });
    }

    @Test
    void givenOneDimensionExhausted_whenCheckingAnother_itCountsThemApart() {
        RateLimiter limiter = limiter(redis, limits(1, true));
        String same = "shared-" + UUID.randomUUID();
        limiter.check(RateLimitDimension.DEVICE, same);

        assertThatCode(() -> limiter.check(RateLimitDimension.CLIENT_IP, same)).doesNotThrowAnyException();
        assertThatCode(() -> limiter.check(RateLimitDimension.BORROWER, same)).doesNotThrowAnyException();
    }

    @Test
    void givenRedisUnreachable_whenCheckingAFailOpenDimension_itLetsTheRequestThrough() {
        RateLimiter limiter = limiter(noRedis, limits(1, true));

        assertThatCode(() -> {
            limiter.check(RateLimitDimension.CLIENT_IP, "203.0.113.7");
            limiter.check(RateLimitDimension.DEVICE, "device-1");
        }).doesNotThrowAnyException();
    }

    @Test
    void givenRedisUnreachable_whenCheckingAFailClosedDimension_itRefusesAsUnavailable() {
        RateLimiter limiter = limiter(noRedis, limits(1, true));

        assertThatThrownBy(() -> limiter.check(RateLimitDimension.BORROWER, "11010519491231002X"))
                .isInstanceOfSatisfying(RateLimiterUnavailableException.class,
                        refused -> assertThat(refused.dimension()).isEqualTo(RateLimitDimension.BORROWER));
    }

    @Test
    void givenDimensionDisabled_whenChecking_itNeverAsksRedis() {
        RateLimiter limiter = limiter(noRedis, limits(1, false));

        assertThatCode(() -> limiter.check(RateLimitDimension.BORROWER, "11010519491231002X"))
                .doesNotThrowAnyException();
    }
}
