package com.swiftlend.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitProblemsTest {

    @Test
    void givenWaitInMilliseconds_whenWritingRetryAfter_itRoundsUpToWholeSecondsOfAtLeastOne() {
        assertThat(RateLimitProblems.wholeSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(RateLimitProblems.wholeSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(RateLimitProblems.wholeSeconds(Duration.ofMillis(1_000))).isEqualTo(1);
        assertThat(RateLimitProblems.wholeSeconds(Duration.ofMillis(1_001))).isEqualTo(2);
        assertThat(RateLimitProblems.wholeSeconds(Duration.ofMinutes(10))).isEqualTo(600);
    }

    @Test
    void givenRefusal_whenDescribingIt_itNamesTheDimensionNotTheIdentifier() {
        RateLimitProblems.Refusal refusal = RateLimitProblems.refusal(
                new RateLimiter.RateLimitedException(RateLimitDimension.BORROWER, Duration.ofMillis(1_500)));

        assertThat(refusal.status().value()).isEqualTo(429);
        assertThat(refusal.retryAfterSeconds()).isEqualTo(2);
        assertThat(refusal.body().getType()).hasToString("https://swiftlend.dev/problems/rate-limited");
        assertThat(refusal.body().getDetail()).contains("this borrower");
        assertThat(refusal.body().getProperties()).containsEntry("dimension", "borrower")
                .containsEntry("retryAfterSeconds", 2L);
    }
}
