package com.swiftlend.workflows.channel;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Asks each channel's health and balance endpoints, measures its recent payouts, and degrades or
 * restores it: a channel that fails its check, whose balance cannot cover the next payout, or
 * whose success rate falls under the threshold is degraded at once and returns only after the
 * configured number of consecutive healthy checks.
 */
@ActivityInterface
public interface ChannelHealthChecks {

    List<ChannelHealth> checkChannels();
}
