package com.swiftlend.workflows.decision;

import com.swiftlend.workflows.risk.RiskProfile;
import com.swiftlend.workflows.scoring.CreditScore;
import java.math.BigDecimal;

public record DecisionRequest(
        String applicationId,
        RiskProfile risk,
        CreditScore score,
        BigDecimal requestedAmount,
        int termDays) {
}
