package com.swiftlend.workflows.scoring;

import com.swiftlend.workflows.risk.RiskProfile;
import java.math.BigDecimal;

public record ScoringRequest(String applicationId, RiskProfile risk, BigDecimal amount, int termDays) {
}
