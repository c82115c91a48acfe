package com.swiftlend.workflows.risk;

import io.temporal.activity.ActivityInterface;

/** Asks the credit bureau for the applicant's file. */
@ActivityInterface
public interface CreditBureauCheck {

    BureauReport fetchCreditReport(RiskSubject subject);
}
