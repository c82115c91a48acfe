package com.swiftlend.workflows.risk;

/** The part every source's result shares, so status views and audits can treat them alike. */
public interface RiskCheckResult {

    RiskSource source();

    RiskOutcome outcome();

    /** Why the source concluded what it did, in a few words (never personal data). */
    String note();
}
