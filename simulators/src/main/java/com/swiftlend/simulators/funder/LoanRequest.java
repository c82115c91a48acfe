package com.swiftlend.simulators.funder;

import java.math.BigDecimal;
import java.util.Objects;

/** @param region the two-digit province code that opens a Chinese ID number */
record LoanRequest(String applicationId, BigDecimal amount, Integer termDays, String region) {

    /** 100 and 100.00 are the same loan; record equality would call them a conflicting retry. */
    boolean sameAs(LoanRequest other) {
        return amount.compareTo(other.amount) == 0
                && termDays.equals(other.termDays)
                && Objects.equals(region, other.region);
    }
}
