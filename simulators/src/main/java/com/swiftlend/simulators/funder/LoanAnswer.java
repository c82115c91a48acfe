package com.swiftlend.simulators.funder;

/** @param reason why it was refused, null otherwise */
record LoanAnswer(String applicationId, LoanDecision decision, String reason, String reference) {

    LoanAnswer withdrawn() {
        return new LoanAnswer(applicationId, LoanDecision.WITHDRAWN, reason, reference);
    }
}
