package com.swiftlend.workflows.risk;

/** Whether the applicant's ID number or phone is on our own blacklist. */
public record BlacklistScreening(RiskOutcome outcome, boolean listed, String note) implements RiskCheckResult {

    public static BlacklistScreening unavailable(String note) {
        return new BlacklistScreening(RiskOutcome.UNAVAILABLE, false, note);
    }

    @Override
    public RiskSource source() {
        return RiskSource.BLACKLIST;
    }
}
