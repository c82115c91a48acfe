package com.swiftlend.workflows.risk;

import io.temporal.activity.ActivityInterface;

/** Looks for devices and addresses shared by many applicants. */
@ActivityInterface
public interface DeviceCheck {

    DeviceAssessment inspectDevice(RiskSubject subject);
}
