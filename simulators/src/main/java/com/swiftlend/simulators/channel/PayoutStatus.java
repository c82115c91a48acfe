package com.swiftlend.simulators.channel;

enum PayoutStatus {
    SUCCEEDED,
    DECLINED,
    /** Accepted and not finished; it can only end SUCCEEDED, so its amount is already taken from the balance. */
    PENDING
}
