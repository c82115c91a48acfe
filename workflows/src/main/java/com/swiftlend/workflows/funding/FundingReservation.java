package com.swiftlend.workflows.funding;

/** @param reason why nothing was reserved (QUOTA_EXHAUSTED, NOT_ELIGIBLE); null when reserved */
public record FundingReservation(String funder, boolean reserved, String reason) {
}
