package com.swiftlend.workflows.risk;

import java.math.BigDecimal;

/**
 * The credit bureau's file on the applicant; numbers are null when there is no file or no answer.
 *
 * @param history the reported repayment history; null when there is no file or no answer, and in
 *     histories written before bureaus reported it
 */
public record BureauReport(
        RiskOutcome outcome,
        boolean hit,
        Integer creditScore,
        Integer delinquencies,
        Integer openLoans,
        BigDecimal totalDebt,
        Integer inquiriesLast6Months,
        String note,
        BureauHistory history) implements RiskCheckResult {

    /** A file without a repayment history. */
    public BureauReport(RiskOutcome outcome, boolean hit, Integer creditScore, Integer delinquencies, Integer openLoans,
            BigDecimal totalDebt, Integer inquiriesLast6Months, String note) {
        this(outcome, hit, creditScore, delinquencies, openLoans, totalDebt, inquiriesLast6Months, note, null);
    }

    public static BureauReport unavailable(String note) {
        return new BureauReport(RiskOutcome.UNAVAILABLE, false, null, null, null, null, null, note);
    }

    @Override
    public RiskSource source() {
        return RiskSource.CREDIT_BUREAU;
    }
}
