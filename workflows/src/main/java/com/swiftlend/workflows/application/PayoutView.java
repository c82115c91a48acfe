package com.swiftlend.workflows.application;

import com.swiftlend.workflows.payment.PayoutStatus;

/** The payout attempt in progress or the last one made. */
public record PayoutView(int attempt, String channel, PayoutStatus status, String channelReference, String note) {
}
