package com.swiftlend.simulators.funder;

enum LoanDecision {
    APPROVED,
    REFUSED,
    /** The lender took back an approved request (compensation); the funder will not fund it. */
    WITHDRAWN
}
