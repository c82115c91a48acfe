package com.swiftlend.workflows.application;

/** Where in the flow an application is; finer-grained than its {@link ApplicationState}. */
public enum ApplicationStep {
    RISK_CHECKS,
    SCORING,
    DECISION,
    AWAITING_REVIEW,
    ROUTING,
    DISBURSING,
    NOTIFYING,
    COMPLETED
}
