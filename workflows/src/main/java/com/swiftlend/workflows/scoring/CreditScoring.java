package com.swiftlend.workflows.scoring;

import io.temporal.activity.ActivityInterface;

/** Scores an applicant with the active credit model. */
@ActivityInterface
public interface CreditScoring {

    CreditScore score(ScoringRequest request);
}
