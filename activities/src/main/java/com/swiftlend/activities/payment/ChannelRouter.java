package com.swiftlend.activities.payment;

import com.swiftlend.workflows.payment.ChannelRanking;
import com.swiftlend.workflows.payment.ChannelRouting;
import com.swiftlend.workflows.payment.RoutingRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Ranks the enabled channels by the expected cost of a payout through each: its fees, the cost
 * of a failure weighted by its failure rate, and the borrower's wait. Live channel health joins
 * the formula with the routing issue; for now a channel is switched off in configuration.
 */
@Component
class ChannelRouter implements ChannelRouting {

    private final PaymentProperties payments;

    ChannelRouter(PaymentProperties payments) {
        this.payments = payments;
    }

    @Override
    public ChannelRanking rankChannels(RoutingRequest request) {
        List<String> ranked = payments.channels().stream()
                .filter(PaymentProperties.Channel::enabled)
                .sorted(Comparator.comparing((PaymentProperties.Channel channel) -> expectedCost(channel,
                        request.amount())).thenComparing(PaymentProperties.Channel::name))
                .map(PaymentProperties.Channel::name)
                .toList();
        return new ChannelRanking(ranked, null, null);
    }

    BigDecimal expectedCost(PaymentProperties.Channel channel, BigDecimal amount) {
        BigDecimal fees = channel.fixedFee().add(channel.feeRate().multiply(amount));
        BigDecimal failures = payments.failedAttemptCost().multiply(BigDecimal.valueOf(1 - channel.successRate()));
        BigDecimal waiting = payments.costPerSecond().multiply(BigDecimal.valueOf(channel.typicalSettlement().toSeconds()));
        return fees.add(failures).add(waiting).setScale(4, RoundingMode.HALF_UP);
    }
}
