package com.swiftlend.workflows.risk;

/**
 * What a risk source concluded. {@link #UNAVAILABLE} is a value, not an exception: a source that
 * timed out or failed is evidence the decision rules weigh (usually by sending the application to
 * a human), never a reason to stall or fail the application.
 */
public enum RiskOutcome {
    PASS,
    WARN,
    FAIL,
    UNAVAILABLE
}
