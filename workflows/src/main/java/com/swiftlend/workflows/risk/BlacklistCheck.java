package com.swiftlend.workflows.risk;

import io.temporal.activity.ActivityInterface;

/** Screens the applicant against our own blacklist. */
@ActivityInterface
public interface BlacklistCheck {

    BlacklistScreening screenBlacklist(RiskSubject subject);
}
