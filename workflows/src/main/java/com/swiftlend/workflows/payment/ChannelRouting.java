package com.swiftlend.workflows.payment;

import io.temporal.activity.ActivityInterface;

/** Ranks the payment channels for a payout by cost, success rate, speed and health. */
@ActivityInterface
public interface ChannelRouting {

    ChannelRanking rankChannels(RoutingRequest request);
}
