package com.swiftlend.simulators.bureau;

import java.math.BigDecimal;

record CreditReport(
        String reportId,
        boolean hit,
        int creditScore,
        int delinquencies,
        int openLoans,
        BigDecimal totalDebt,
        int inquiriesLast6Months,
        HeldOutClients.History history) {

    static CreditReport noHit(String reportId) {
        return new CreditReport(reportId, false, 0, 0, 0, BigDecimal.ZERO, 0, null);
    }

    /** The same report with a real client's repayment history: what a credit model reads. */
    CreditReport withHistory(HeldOutClients.History realHistory) {
        return new CreditReport(reportId, hit, creditScore, delinquencies, openLoans, totalDebt,
                inquiriesLast6Months, realHistory);
    }
}
