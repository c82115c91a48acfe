package com.swiftlend.workflows.payment;

public record PayoutResult(PayoutStatus status, String channel, String channelReference, String declineReason) {
}
