package com.swiftlend.workflows.application;

import java.util.EnumSet;
import java.util.Set;

public enum ApplicationState {
    UNDER_REVIEW,
    MANUAL_REVIEW,
    APPROVED,
    DISBURSING,
    DISBURSED,
    REJECTED,
    DISBURSEMENT_FAILED;

    private static final Set<ApplicationState> FINAL = EnumSet.of(DISBURSED, REJECTED, DISBURSEMENT_FAILED);

    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
