package com.swiftlend.workflows.application;

import java.math.BigDecimal;

public record LoanTerms(BigDecimal amount, int termDays, String purpose) {
}
