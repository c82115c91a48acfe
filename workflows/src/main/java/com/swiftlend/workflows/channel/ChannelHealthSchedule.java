package com.swiftlend.workflows.channel;

import java.time.Duration;

/**
 * @param interval the time between two rounds of checks
 * @param checksPerRun rounds before the workflow continues as new, which bounds its history
 */
public record ChannelHealthSchedule(Duration interval, int checksPerRun) {
}
