package com.swiftlend.activities.channel;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the channels are checked and when a check degrades or restores one.
 *
 * @param interval the time between two rounds of checks
 * @param checksPerRun rounds per run of the health workflow before it continues as new (its
 *     history grows by a few events per round; 500 rounds stay far under Temporal's limits)
 * @param successRateThreshold a measured success rate under this degrades the channel
 * @param recoveryChecks consecutive healthy checks a DEGRADED channel needs to be HEALTHY again:
 *     one good answer after an outage is often the outage flickering, not its end
 * @param measuredPayouts at most this many of the channel's latest final payouts are measured
 * @param minimumMeasuredPayouts with fewer final payouts in the window the stored rate is kept:
 *     two declines out of three say nothing about a channel
 * @param measurementWindow only payouts that became final this recently are measured; a channel
 *     degraded for its success rate can recover once its bad payouts are older than this
 * @param minimumBalance the available balance under which a channel is BALANCE_LOW; unset, it is
 *     the channel's own max_amount (the channel cannot cover the largest payout it may get)
 */
@ConfigurationProperties("swiftlend.channels.health")
public record ChannelHealthProperties(
        @DefaultValue("5s") Duration interval,
        @DefaultValue("500") int checksPerRun,
        @DefaultValue("0.90") double successRateThreshold,
        @DefaultValue("3") int recoveryChecks,
        @DefaultValue("200") int measuredPayouts,
        @DefaultValue("20") int minimumMeasuredPayouts,
        @DefaultValue("1h") Duration measurementWindow,
        BigDecimal minimumBalance) {
}
