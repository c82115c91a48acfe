package com.swiftlend.workflows.funding;

/** The funder's own approval call: it may refuse a loan our rules approved. */
public record FunderAnswer(String funder, boolean approved, String reason, String funderReference) {
}
