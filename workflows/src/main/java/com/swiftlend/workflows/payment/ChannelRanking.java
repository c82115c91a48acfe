package com.swiftlend.workflows.payment;

import java.util.List;

/**
 * The channels that can take one payout, best first, with the score of each and the channels
 * left out with their reasons: the choice and its runners-up, as recorded in the status.
 *
 * @param channels the names of {@code candidates}, in order (the only field before routing was scored)
 */
public record ChannelRanking(List<String> channels, List<ChannelScore> candidates, List<ChannelExclusion> excluded) {

    public ChannelRanking {
        channels = channels == null ? List.of() : List.copyOf(channels);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
    }

    public static ChannelRanking of(List<ChannelScore> candidates, List<ChannelExclusion> excluded) {
        return new ChannelRanking(candidates.stream().map(ChannelScore::channel).toList(), candidates, excluded);
    }
}
