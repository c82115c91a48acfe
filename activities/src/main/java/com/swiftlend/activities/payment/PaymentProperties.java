package com.swiftlend.activities.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment channels we can pay out through and what each costs us.
 *
 * @param failedAttemptCost what a failed payout attempt costs us (support, delay, a second fee),
 *     in CNY: it turns a channel's success rate into money so channels compare on one scale
 * @param costPerSecond what a second of a borrower's wait is worth, in CNY
 */
@ConfigurationProperties("swiftlend.payments")
public record PaymentProperties(
        @DefaultValue List<Channel> channels,
        @DefaultValue("20") BigDecimal failedAttemptCost,
        @DefaultValue("0.05") BigDecimal costPerSecond) {

    /**
     * @param feeRate share of the amount the channel charges
     * @param fixedFee fee per payout, CNY
     * @param successRate observed share of payouts that succeed
     * @param typicalSettlement how long the money takes to reach the borrower
     */
    public record Channel(
            String name,
            String baseUrl,
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0") BigDecimal feeRate,
            @DefaultValue("0") BigDecimal fixedFee,
            @DefaultValue("0.99") double successRate,
            @DefaultValue("10s") Duration typicalSettlement,
            @DefaultValue("500ms") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout) {
    }
}
