package com.swiftlend.workflows.notification;

public enum NoticeKind {
    DISBURSED,
    REJECTED,
    MANUAL_REVIEW,
    DISBURSEMENT_FAILED
}
