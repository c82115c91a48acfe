package com.swiftlend.workflows.risk;

import java.util.List;

/**
 * The repayment history a credit bureau reports, newest month first: what a credit model reads.
 *
 * @param creditLimit the credit limit granted to the applicant
 * @param repaymentStatus six months: -2 no use, -1 paid in full, 0 revolving, 1..9 months overdue
 * @param billAmounts six months of statement amounts (may be negative: a credit balance)
 * @param paidAmounts six months of amounts paid
 */
public record BureauHistory(long creditLimit, List<Integer> repaymentStatus, List<Long> billAmounts,
        List<Long> paidAmounts) {

    public BureauHistory {
        repaymentStatus = List.copyOf(repaymentStatus);
        billAmounts = List.copyOf(billAmounts);
        paidAmounts = List.copyOf(paidAmounts);
    }
}
