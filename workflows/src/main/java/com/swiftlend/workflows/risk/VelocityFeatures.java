package com.swiftlend.workflows.risk;

/** How often this applicant applied recently; bursts are a classic sign of fraud or distress. */
public record VelocityFeatures(
        RiskOutcome outcome,
        Integer applicationsLast24h,
        Integer applicationsLast7d,
        String note) implements RiskCheckResult {

    public static VelocityFeatures unavailable(String note) {
        return new VelocityFeatures(RiskOutcome.UNAVAILABLE, null, null, note);
    }

    @Override
    public RiskSource source() {
        return RiskSource.VELOCITY;
    }
}
