package com.swiftlend.workflows.risk;

import java.util.List;

/** The anti-fraud provider's verdict: a 0–100 score and the signals behind it. */
public record FraudAssessment(RiskOutcome outcome, Integer score, List<String> signals, String note)
        implements RiskCheckResult {

    public static FraudAssessment unavailable(String note) {
        return new FraudAssessment(RiskOutcome.UNAVAILABLE, null, List.of(), note);
    }

    @Override
    public RiskSource source() {
        return RiskSource.ANTI_FRAUD;
    }
}
