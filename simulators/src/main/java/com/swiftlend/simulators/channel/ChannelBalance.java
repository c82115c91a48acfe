package com.swiftlend.simulators.channel;

import java.math.BigDecimal;

/** The money a channel can still pay out. Monitors, not atomics: a check and its debit must be one step. */
final class ChannelBalance {

    private BigDecimal available;

    ChannelBalance(BigDecimal available) {
        this.available = available;
    }

    synchronized boolean tryDebit(BigDecimal amount) {
        if (amount.compareTo(available) > 0) {
            return false;
        }
        available = available.subtract(amount);
        return true;
    }

    synchronized BigDecimal available() {
        return available;
    }

    synchronized void set(BigDecimal available) {
        this.available = available;
    }
}
