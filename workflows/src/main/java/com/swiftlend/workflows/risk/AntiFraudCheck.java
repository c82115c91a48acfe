package com.swiftlend.workflows.risk;

import io.temporal.activity.ActivityInterface;

/** Asks the anti-fraud provider to assess the applicant, phone and device. */
@ActivityInterface
public interface AntiFraudCheck {

    FraudAssessment assessFraud(RiskSubject subject);
}
