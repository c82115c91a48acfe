package com.swiftlend.activities.payment;

import com.swiftlend.records.channel.ChannelRegistry;
import com.swiftlend.records.channel.ChannelState;
import com.swiftlend.records.channel.PaymentChannel;
import com.swiftlend.workflows.payment.ChannelExclusion;
import com.swiftlend.workflows.payment.ChannelRanking;
import com.swiftlend.workflows.payment.ChannelRouting;
import com.swiftlend.workflows.payment.ChannelScore;
import com.swiftlend.workflows.payment.RoutingRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Ranks the channels of the registry that can take a payout by its expected cost in CNY:
 *
 * <pre>
 * cost = fee(amount) + (1 - successProbability) * failedAttemptCost + expectedSecondsToFunds * costPerSecond
 * </pre>
 *
 * where fee(amount) = fixed fee + fee rate * amount and successProbability is the channel's
 * measured success rate. A failure is priced because it costs a second attempt, support and the
 * borrower's trust; the wait is priced because the product's promise is speed. So a small amount
 * goes to an instant e-account channel (a few seconds, a small fixed fee) and a larger one may be
 * cheaper by bank transfer (a lower rate). Amounts above the manual threshold go to MANUAL
 * channels only. Every channel left out is named with why.
 */
@Component
class ChannelRouter implements ChannelRouting {

    static final String MANUAL = "MANUAL";

    private final ChannelRegistry registry;
    private final PaymentProperties payments;
    private final Clock clock;

    ChannelRouter(ChannelRegistry registry, PaymentProperties payments, Clock clock) {
        this.registry = registry;
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public ChannelRanking rankChannels(RoutingRequest request) {
        Instant now = clock.instant();
        String currency = request.currency() == null ? "CNY" : request.currency();
        List<ChannelScore> candidates = new ArrayList<>();
        List<ChannelExclusion> excluded = new ArrayList<>();
        for (PaymentChannel channel : registry.all(now)) {
            String reason = exclusion(channel, request.amount(), currency, now);
            if (reason == null) {
                candidates.add(score(channel, request.amount()));
            } else {
                excluded.add(new ChannelExclusion(channel.name(), reason));
            }
        }
        candidates.sort(Comparator.comparing(ChannelScore::cost).thenComparing(ChannelScore::channel));
        return ChannelRanking.of(candidates, excluded);
    }

    /** Why the channel cannot take this payout, or null when it can. */
    private String exclusion(PaymentChannel channel, BigDecimal amount, String currency, Instant now) {
        boolean manual = MANUAL.equals(channel.kind());
        boolean large = amount.compareTo(payments.manualThreshold()) > 0;
        if (payments.channel(channel.name()).isEmpty()) {
            return "NO_ENDPOINT";
        }
        if (channel.state() == ChannelState.DISABLED) {
            return "DISABLED";
        }
        if (channel.state() == ChannelState.DEGRADED) {
            return "DEGRADED";
        }
        if (!channel.currency().equals(currency)) {
            return "CURRENCY";
        }
        if (large && !manual) {
            return "ABOVE_MANUAL_THRESHOLD";
        }
        if (!large && manual) {
            return "BELOW_MANUAL_THRESHOLD";
        }
        if (amount.compareTo(channel.minAmount()) < 0 || amount.compareTo(channel.maxAmount()) > 0) {
            return "OVER_LIMIT";
        }
        if (channel.dailyUsed().add(amount).compareTo(channel.dailyLimit()) > 0) {
            return "DAILY_LIMIT";
        }
        BigDecimal available = channel.availableBalance();
        if (available == null || available.compareTo(amount) < 0) {
            return "BALANCE";
        }
        if (!channel.isOpenAt(now.atZone(ChannelRegistry.BUSINESS_ZONE))) {
            return "CLOSED";
        }
        return null;
    }

    ChannelScore score(PaymentChannel channel, BigDecimal amount) {
        BigDecimal fee = channel.fee(amount);
        BigDecimal failures = payments.failedAttemptCost().multiply(BigDecimal.valueOf(1 - channel.successRate()));
        BigDecimal waiting = payments.costPerSecond().multiply(BigDecimal.valueOf(channel.expectedSecondsToFunds()));
        BigDecimal cost = fee.add(failures).add(waiting).setScale(4, RoundingMode.HALF_UP);
        return new ChannelScore(channel.name(), channel.kind(), fee, channel.successRate(),
                channel.expectedSecondsToFunds(), cost);
    }
}
