package com.swiftlend.simulators.funder;

import com.swiftlend.simulators.behaviour.Party;
import java.util.Arrays;
import java.util.Optional;

/**
 * The simulated capital partners (资方) and their own credit policy, applied before the behaviour's
 * refusalRate: {@code harbor-capital} does not lend in region "65" (Xinjiang, the first two digits of
 * the ID number) and refuses it with REGION_NOT_SERVED; {@code jade-trust} has no rule of its own.
 * A refusal drawn from refusalRate has the reason RISK_POLICY.
 */
enum Funder {
    HARBOR_CAPITAL(Party.HARBOR_CAPITAL, "65"),
    JADE_TRUST(Party.JADE_TRUST, null);

    private final Party party;
    private final String unservedRegion;

    Funder(Party party, String unservedRegion) {
        this.party = party;
        this.unservedRegion = unservedRegion;
    }

    Party party() {
        return party;
    }

    Optional<String> policyRefusal(LoanRequest request) {
        return request.region().equals(unservedRegion) ? Optional.of("REGION_NOT_SERVED") : Optional.empty();
    }

    static Optional<Funder> fromSlug(String slug) {
        return Arrays.stream(values()).filter(funder -> funder.party.slug().equals(slug)).findFirst();
    }
}
