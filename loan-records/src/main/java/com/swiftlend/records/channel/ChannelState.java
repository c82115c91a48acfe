package com.swiftlend.records.channel;

/** A channel's standing in the registry. */
public enum ChannelState {
    /** Takes payouts. */
    HEALTHY,
    /** Degraded by the health checks; returns after enough consecutive healthy checks. */
    DEGRADED,
    /** Forced down by an operator; the checks never change it. */
    DISABLED
}
