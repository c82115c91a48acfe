package com.swiftlend.api.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The token-bucket limit of each dimension ({@code swiftlend.rate-limits.*}). The defaults, and
 * why they are what they are, live in {@code swiftlend-api.yml}; a missing limit fails start-up
 * rather than silently leaving a dimension unprotected.
 */
@ConfigurationProperties("swiftlend.rate-limits")
@Validated
record RateLimitProperties(@Valid @NotNull Limit clientIp, @Valid @NotNull Limit device,
        @Valid @NotNull Limit borrower, @Valid @NotNull Limit decoder) {

    /**
     * A bucket of {@code capacity} tokens that regains one token every {@code refillPeriod}; each
     * request takes one. {@code failOpen} says what happens while Redis cannot answer: let the
     * request through (true) or refuse it with 503 (false).
     */
    record Limit(@DefaultValue("true") boolean enabled, @Positive int capacity, @NotNull Duration refillPeriod,
            boolean failOpen) {

        Limit {
            if (refillPeriod != null && (refillPeriod.isZero() || refillPeriod.isNegative())) {
                throw new IllegalArgumentException("refill-period must be positive, was " + refillPeriod);
            }
        }
    }

    Limit of(RateLimitDimension dimension) {
        return switch (dimension) {
            case CLIENT_IP -> clientIp;
            case DEVICE -> device;
            case BORROWER -> borrower;
            case DECODER -> decoder;
        };
    }
}
