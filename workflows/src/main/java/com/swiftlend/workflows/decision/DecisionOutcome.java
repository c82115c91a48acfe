package com.swiftlend.workflows.decision;

public enum DecisionOutcome {
    APPROVE,
    MANUAL_REVIEW,
    REJECT
}
