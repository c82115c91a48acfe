package com.swiftlend.activities.channel;

import com.swiftlend.activities.PartnerHttp;
import com.swiftlend.activities.payment.PaymentProperties;
import com.swiftlend.records.channel.ChannelCheck;
import com.swiftlend.records.channel.ChannelRegistry;
import com.swiftlend.records.channel.ChannelState;
import com.swiftlend.records.channel.PaymentChannel;
import com.swiftlend.records.channel.PayoutStatistics;
import com.swiftlend.workflows.channel.ChannelHealth;
import com.swiftlend.workflows.channel.ChannelHealthChecks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Checks every registered channel this deployment can reach: its health and balance endpoints,
 * and its success rate and p95 latency measured from our own final payouts. A failed check, a
 * balance that cannot cover a payout or a success rate under the threshold degrades the channel
 * at once; it is HEALTHY again only after {@code recoveryChecks} healthy checks in a row. An
 * operator's DISABLED is never changed here, though its measurements are still recorded.
 */
@Component
class ChannelHealthChecker implements ChannelHealthChecks {

    static final String HEALTH_CHECK_FAILED = "HEALTH_CHECK_FAILED";
    static final String BALANCE_LOW = "BALANCE_LOW";
    static final String SUCCESS_RATE_LOW = "SUCCESS_RATE_LOW";

    private static final Logger log = LoggerFactory.getLogger(ChannelHealthChecker.class);

    record HealthAnswer(String status) {
    }

    record BalanceAnswer(String currency, BigDecimal available) {
    }

    /** What the channel's endpoints answered; {@code balance} is null when the check failed. */
    record Probe(boolean healthy, BigDecimal balance) {

        static final Probe FAILED = new Probe(false, null);
    }

    private final ChannelRegistry registry;
    private final PaymentProperties payments;
    private final ChannelHealthProperties health;
    private final RestClient.Builder http;
    private final Clock clock;
    private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

    ChannelHealthChecker(ChannelRegistry registry, PaymentProperties payments, ChannelHealthProperties health,
            RestClient.Builder http, Clock clock) {
        this.registry = registry;
        this.payments = payments;
        this.health = health;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public List<ChannelHealth> checkChannels() {
        List<ChannelHealth> checked = new ArrayList<>();
        for (PaymentChannel channel : registry.all(clock.instant())) {
            payments.channel(channel.name()).ifPresent(endpoint -> checked.add(check(channel, endpoint)));
        }
        return checked;
    }

    private ChannelHealth check(PaymentChannel channel, PaymentProperties.Channel endpoint) {
        Probe probe = probe(channel, endpoint);
        Instant now = clock.instant();
        PayoutStatistics statistics = registry.measure(channel.name(), now, health.measurementWindow(),
                health.measuredPayouts());
        ChannelCheck decided = decide(channel, probe, statistics, now);
        registry.recordCheck(channel.name(), channel.state(), decided);
        PaymentChannel after = registry.find(channel.name(), now).orElse(channel);
        if (after.state() != channel.state()) {
            log.info("Channel {} is now {} ({})", channel.name(), after.state(), after.stateReason());
        }
        return new ChannelHealth(after.name(), after.state().name(), after.stateReason(), after.availableBalance(),
                after.successRate(), after.p95LatencyMs());
    }

    private Probe probe(PaymentChannel channel, PaymentProperties.Channel endpoint) {
        RestClient client = clients.computeIfAbsent(endpoint.name(), name -> PartnerHttp.client(http,
                endpoint.baseUrl(), endpoint.connectTimeout(), endpoint.readTimeout()));
        try {
            HealthAnswer answer = client.get().uri("/health").retrieve().body(HealthAnswer.class);
            if (answer == null || !"UP".equals(answer.status())) {
                return Probe.FAILED;
            }
            BalanceAnswer balance = client.get().uri("/balance").retrieve().body(BalanceAnswer.class);
            if (balance == null || balance.available() == null || !channel.currency().equals(balance.currency())) {
                log.warn("Channel {} reported an unusable balance {}", channel.name(), balance);
                return Probe.FAILED;
            }
            return new Probe(true, balance.available());
        } catch (RuntimeException unreachable) {
            // An outage, a timeout or a 5xx are all the same to routing: the channel cannot be trusted now.
            log.warn("Channel {} failed its health check: {}", channel.name(), unreachable.toString());
            return Probe.FAILED;
        }
    }

    /** The state this check leaves the channel in; DISABLED channels keep theirs (the registry sees to it). */
    ChannelCheck decide(PaymentChannel channel, Probe probe, PayoutStatistics statistics, Instant now) {
        boolean measured = statistics.finalPayouts() >= health.minimumMeasuredPayouts();
        double successRate = measured ? statistics.successRate() : channel.successRate();
        Long p95 = measured && statistics.p95LatencyMs() != null ? statistics.p95LatencyMs() : channel.p95LatencyMs();
        BigDecimal reported = probe.balance() != null ? probe.balance() : channel.reportedBalance();
        BigDecimal cover = health.minimumBalance() != null ? health.minimumBalance() : channel.maxAmount();

        String problem = null;
        if (!probe.healthy()) {
            problem = HEALTH_CHECK_FAILED;
        } else if (reported.subtract(channel.heldAmount()).compareTo(cover) < 0) {
            problem = BALANCE_LOW;
        } else if (measured && successRate < health.successRateThreshold()) {
            // Only a fresh measurement degrades: a degraded channel gets no payouts, so a stored
            // rate would never be measured again and would keep it down for good. It returns once
            // the bad payouts have left the measurement window.
            problem = SUCCESS_RATE_LOW;
        }
        if (problem != null) {
            return new ChannelCheck(ChannelState.DEGRADED, problem, 0, reported, successRate, p95, now);
        }
        int healthyInARow = channel.consecutiveHealthy() + 1;
        boolean recovered = channel.state() == ChannelState.HEALTHY || healthyInARow >= health.recoveryChecks();
        return recovered
                ? new ChannelCheck(ChannelState.HEALTHY, null, healthyInARow, reported, successRate, p95, now)
                : new ChannelCheck(ChannelState.DEGRADED, channel.stateReason(), healthyInARow, reported, successRate,
                        p95, now);
    }
}
