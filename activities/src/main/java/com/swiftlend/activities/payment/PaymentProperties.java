package com.swiftlend.activities.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the payment channels are and what routing weighs. A channel's business terms (fees,
 * limits, hours, time to funds) and its measured health are in the channel registry
 * (payment_channel); only how to reach it is deployment configuration, here.
 *
 * @param failedAttemptCost what a failed payout attempt costs us (support, delay, a second fee),
 *     in CNY: it turns a channel's success rate into money so channels compare on one scale
 * @param costPerSecond what a second of a borrower's wait is worth, in CNY
 * @param manualThreshold amounts above this go to MANUAL channels only, and amounts at or below
 *     it never do: a person keys large payouts, and small ones must not wait for one
 */
@ConfigurationProperties("swiftlend.payments")
public record PaymentProperties(
        @DefaultValue List<Channel> channels,
        @DefaultValue("20") BigDecimal failedAttemptCost,
        @DefaultValue("0.05") BigDecimal costPerSecond,
        @DefaultValue("20000") BigDecimal manualThreshold) {

    public record Channel(
            String name,
            String baseUrl,
            @DefaultValue("500ms") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout) {
    }

    /** The endpoint configured for a registered channel; empty when this deployment cannot reach it. */
    public Optional<Channel> channel(String name) {
        return channels.stream()
                .filter(channel -> channel.name().equals(name) && channel.baseUrl() != null && !channel.baseUrl().isBlank())
                .findFirst();
    }
}
