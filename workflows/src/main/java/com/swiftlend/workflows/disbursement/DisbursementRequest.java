package com.swiftlend.workflows.disbursement;

import java.math.BigDecimal;

/**
 * One approved loan to fund and pay out.
 *
 * @param region the applicant's province code (the first two digits of the resident ID)
 * @param policy fixed by the parent when it starts the disbursement
 */
public record DisbursementRequest(
        String applicationId,
        BigDecimal amount,
        int termDays,
        String region,
        String bankCard,
        String accountName,
        String currency,
        DisbursementPolicy policy) {

    /** The child's workflow id: one disbursement per application, whichever run of the parent starts it. */
    public static String workflowId(String applicationId) {
        return applicationId + ":disbursement";
    }
}
