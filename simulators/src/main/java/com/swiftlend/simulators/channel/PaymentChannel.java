package com.swiftlend.simulators.channel;

import com.swiftlend.simulators.behaviour.Party;
import java.util.Arrays;
import java.util.Optional;

enum PaymentChannel {
    SWIFTPAY(Party.SWIFTPAY),
    BANKWIRE(Party.BANKWIRE);

    private final Party party;

    PaymentChannel(Party party) {
        this.party = party;
    }

    Party party() {
        return party;
    }

    static Optional<PaymentChannel> fromSlug(String slug) {
        return Arrays.stream(values()).filter(channel -> channel.party.slug().equals(slug)).findFirst();
    }
}
