package com.swiftlend.reconciliation;

/** The outcomes a channel statement reports; anything else makes the line unparseable. */
enum StatementStatus {
    SUCCEEDED,
    DECLINED
}
