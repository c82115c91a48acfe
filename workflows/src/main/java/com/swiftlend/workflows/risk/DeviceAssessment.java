package com.swiftlend.workflows.risk;

/**
 * Device fingerprint and network evidence: how many different applicants used this device, how
 * many applications came from this address recently.
 */
public record DeviceAssessment(
        RiskOutcome outcome,
        Integer applicantsOnDevice,
        Integer applicationsFromIp,
        String note) implements RiskCheckResult {

    public static DeviceAssessment unavailable(String note) {
        return new DeviceAssessment(RiskOutcome.UNAVAILABLE, null, null, note);
    }

    @Override
    public RiskSource source() {
        return RiskSource.DEVICE;
    }
}
