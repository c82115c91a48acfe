package com.swiftlend.simulators.channel;

import com.swiftlend.simulators.SimulatorsProperties;
import com.swiftlend.simulators.SimulatorsProperties.ChannelSettings;
import com.swiftlend.simulators.behaviour.Party;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simulated channels and what sets them apart.
 *
 * <ul>
 *   <li>{@code swiftpay} (instant e-account) runs its own risk engine: it declines cards ending 0003 with
 *       RISK_CONTROL, a channel-side decline another channel may well accept.</li>
 *   <li>{@code bankwire} (bank transfer) has no risk engine of its own.</li>
 *   <li>{@code manual-desk}: a person keys every payout, so it always answers PENDING first and settles
 *       SUCCEEDED after the party's {@code pendingSettleMs}.</li>
 * </ul>
 */
enum PaymentChannel {
    SWIFTPAY(Party.SWIFTPAY, SimulatorsProperties::getSwiftpay, true, false),
    BANKWIRE(Party.BANKWIRE, SimulatorsProperties::getBankwire, false, false),
    MANUAL_DESK(Party.MANUAL_DESK, SimulatorsProperties::getManualDesk, false, true);

    private final Party party;
    private final Function<SimulatorsProperties, ChannelSettings> settings;
    private final boolean riskControlled;
    private final boolean keyedByHand;

    PaymentChannel(Party party, Function<SimulatorsProperties, ChannelSettings> settings, boolean riskControlled,
            boolean keyedByHand) {
        this.party = party;
        this.settings = settings;
        this.riskControlled = riskControlled;
        this.keyedByHand = keyedByHand;
    }

    Party party() {
        return party;
    }

    ChannelSettings settingsIn(SimulatorsProperties properties) {
        return settings.apply(properties);
    }

    boolean riskControlled() {
        return riskControlled;
    }

    boolean keyedByHand() {
        return keyedByHand;
    }

    static Optional<PaymentChannel> fromSlug(String slug) {
        return Arrays.stream(values()).filter(channel -> channel.party.slug().equals(slug)).findFirst();
    }
}
