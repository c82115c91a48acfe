package com.swiftlend.workflows.risk;

import io.temporal.activity.ActivityInterface;

/** Counts the applicant's recent applications; records this one as it counts. */
@ActivityInterface
public interface VelocityCheck {

    VelocityFeatures measureVelocity(RiskSubject subject);
}
