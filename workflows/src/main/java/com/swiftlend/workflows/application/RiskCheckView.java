package com.swiftlend.workflows.application;

import com.swiftlend.workflows.risk.RiskCheckResult;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskSource;

/** One risk source's outcome as shown to operators and borrowers' apps. */
public record RiskCheckView(RiskSource source, RiskOutcome outcome, String note) {

    public static RiskCheckView of(RiskCheckResult result) {
        return new RiskCheckView(result.source(), result.outcome(), result.note());
    }
}
