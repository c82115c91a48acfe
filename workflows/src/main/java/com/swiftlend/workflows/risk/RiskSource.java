package com.swiftlend.workflows.risk;

/** The independent sources of risk evidence consulted for every application. */
public enum RiskSource {
    CREDIT_BUREAU,
    ANTI_FRAUD,
    BLACKLIST,
    DEVICE,
    VELOCITY
}
