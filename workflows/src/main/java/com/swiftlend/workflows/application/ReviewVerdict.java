package com.swiftlend.workflows.application;

/** An operator's verdict on an application sent to manual review. */
public record ReviewVerdict(String reviewer, String note) {
}
