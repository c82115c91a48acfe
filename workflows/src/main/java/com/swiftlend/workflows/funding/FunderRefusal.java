package com.swiftlend.workflows.funding;

/** A funder that did not fund the loan, and why (its refusal code, QUOTA_EXHAUSTED, UNAVAILABLE). */
public record FunderRefusal(String funder, String reason) {
}
