package com.swiftlend.workflows.payment;

public enum PayoutStatus {
    SUCCEEDED,
    /** The channel refused for good (a blocked card): another channel would be refused too. */
    DECLINED,
    /** The channel has no payout under this key: it is safe to try another channel. */
    NOT_FOUND
}
