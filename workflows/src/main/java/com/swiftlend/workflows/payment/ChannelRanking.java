package com.swiftlend.workflows.payment;

import java.util.List;

/** Healthy channels, best first, for one payout. */
public record ChannelRanking(List<String> channels) {
}
