package com.swiftlend.simulators.bureau;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

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
     * The same report with a real client's repayment history, what a credit model reads, and what
     * a bureau derives from that history: the delinquency count (months with a repayment overdue)
     * and its own score, so that the figures the rules read and the record the model scores tell
     * the same story. The score is a bureau's simple scorecard, not our model: 760 points, less 40
     * per month overdue at the worst, 10 per month overdue at all, 80 at a fully used limit, plus
     * the bureau's own spread ({@code noise}, ±20 points at one standard deviation), within 300..850.
     */
    CreditReport withHistory(HeldOutClients.History realHistory, Random noise) {
        List<Integer> status = realHistory.repaymentStatus();
        int overdueMonths = (int) status.stream().filter(month -> month >= 1).count();
        int worst = Math.max(0, status.stream().mapToInt(Integer::intValue).max().orElse(0));
        double utilisation = realHistory.creditLimit() <= 0 ? 1
                : Math.min(1.2, Math.max(0, (double) realHistory.billAmounts().get(0) / realHistory.creditLimit()));
        long score = Math.round(760 - 40 * worst - 10 * overdueMonths - 80 * utilisation + 20 * noise.nextGaussian());
        return new CreditReport(reportId, hit, (int) Math.max(300, Math.min(850, score)), overdueMonths, openLoans,
                totalDebt, inquiriesLast6Months, realHistory);
    }
}
