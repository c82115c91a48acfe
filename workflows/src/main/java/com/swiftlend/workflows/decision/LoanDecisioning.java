package com.swiftlend.workflows.decision;

import io.temporal.activity.ActivityInterface;

/** Applies the published decision rules to the risk evidence and the score. */
@ActivityInterface
public interface LoanDecisioning {

    Decision decide(DecisionRequest request);
}
