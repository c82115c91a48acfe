package com.swiftlend.workflows.risk;

import java.util.List;

/** Everything the risk sources said about one application, one field per source. */
public record RiskProfile(
        BureauReport bureau,
        FraudAssessment fraud,
        BlacklistScreening blacklist,
        DeviceAssessment device,
        VelocityFeatures velocity) {

    public List<RiskCheckResult> results() {
        return List.of(bureau, fraud, blacklist, device, velocity);
    }
}
