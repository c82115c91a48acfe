package com.swiftlend.simulators.behaviour;

import java.util.Arrays;
import java.util.Optional;

public enum Party {
    BUREAU("bureau"),
    ANTI_FRAUD("anti-fraud"),
    SMS("sms"),
    SWIFTPAY("swiftpay"),
    BANKWIRE("bankwire"),
    MANUAL_DESK("manual-desk"),
    HARBOR_CAPITAL("harbor-capital"),
    JADE_TRUST("jade-trust");

    private final String slug;

    Party(String slug) {
        this.slug = slug;
    }

    /** The name used in URLs and configuration keys. */
    public String slug() {
        return slug;
    }

    public static Optional<Party> fromSlug(String slug) {
        return Arrays.stream(values()).filter(party -> party.slug.equals(slug)).findFirst();
    }
}
