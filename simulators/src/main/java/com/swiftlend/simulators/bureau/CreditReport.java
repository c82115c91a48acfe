package com.swiftlend.simulators.bureau;

import java.math.BigDecimal;

record CreditReport(
        String reportId,
        boolean hit,
        int creditScore,
        int delinquencies,
        int openLoans,
        BigDecimal totalDebt,
        int inquiriesLast6Months) {

    static CreditReport noHit(String reportId) {
        return new CreditReport(reportId, false, 0, 0, 0, BigDecimal.ZERO, 0);
    }
}
