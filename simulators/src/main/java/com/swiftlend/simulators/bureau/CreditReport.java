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

    /**
     * The same report with a real client's repayment history, what a credit model reads, and the
     * delinquency count that history shows (months with a repayment overdue), so that the count
     * the rules knock out on and the record the model scores tell the same story. The bureau's own
     * score stays its simulated opinion.
     */
    CreditReport withHistory(HeldOutClients.History realHistory) {
        int overdueMonths = (int) realHistory.repaymentStatus().stream().filter(status -> status >= 1).count();
        return new CreditReport(reportId, hit, creditScore, overdueMonths, openLoans, totalDebt,
                inquiriesLast6Months, realHistory);
    }
}
