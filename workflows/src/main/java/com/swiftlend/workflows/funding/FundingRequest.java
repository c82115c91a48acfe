package com.swiftlend.workflows.funding;

import java.math.BigDecimal;

/**
 * What a capital partner is asked to fund.
 *
 * @param region the applicant's province: the first two digits of the resident ID (GB/T 2260),
 *     which funders' eligibility names; never the ID number itself
 * @param segment the applicant's segment, null until segments exist (issue 10): eligible for
 *     funders that name none
 */
public record FundingRequest(String applicationId, BigDecimal amount, int termDays, String region, String segment) {
}
