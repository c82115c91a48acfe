package com.swiftlend.activities.payment;

import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.records.ledger.Ledger;
import com.swiftlend.records.payout.ChannelBalanceHolds;
import com.swiftlend.records.payout.Payout;
import com.swiftlend.records.payout.PayoutRepository;
import com.swiftlend.workflows.payment.PayoutState;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles payouts left CLAIMED by an activity that died between claiming and marking them sent:
 * nothing was sent, so each is PROVEN_NOT_SENT, its principal voided and its hold released. Safe
 * against a live attempt because both take the row's lock and act only on the state they find: a
 * row marked sent is never swept, and a swept row is never sent. Runs in the background of every
 * process that runs payouts (several at once are harmless for the same reason).
 */
@Component
public class StaleClaimSweep implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StaleClaimSweep.class);

    private final PayoutRepository payouts;
    private final ChannelBalanceHolds holds;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final PayoutProperties properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    StaleClaimSweep(PayoutRepository payouts, ChannelBalanceHolds holds, Ledger ledger, AuditTrail audit,
            TransactionTemplate transactions, JdbcTemplate jdbc, PayoutProperties properties, Clock clock) {
        this.payouts = payouts;
        this.holds = holds;
        this.ledger = ledger;
        this.audit = audit;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return the keys of the payouts it settled */
    public List<String> sweep() {
        Instant now = Instant.now(clock);
        List<String> candidates = jdbc.queryForList(
                "select idempotency_key from payout where status = 'CLAIMED' and created_at <= ? order by created_at",
                String.class, Timestamp.from(now.minus(properties.staleClaimAge())));
        List<String> swept = new ArrayList<>();
        for (String key : candidates) {
            Boolean settled = transactions.execute(status -> {
                Payout payout = payouts.lockByKey(key).orElseThrow();
                if (payout.getState() != PayoutState.CLAIMED) {
                    return false;
                }
                payout.provenNotSent("STALE_CLAIM", now);
                ledger.voidPayout(key);
                holds.release(key, now);
                payouts.saveAndFlush(payout);
                audit.append(new AuditEvent.PayoutResult(payout.getApplicationId(), key, payout.getChannel(),
                        payout.getState().name(), null, payout.getFailureReason()));
                return true;
            });
            if (Boolean.TRUE.equals(settled)) {
                swept.add(key);
            }
        }
        if (!swept.isEmpty()) {
            log.warn("Payouts claimed but never sent, now PROVEN_NOT_SENT: {}", swept);
        }
        return swept;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "swiftlend-stale-claim-sweep");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.staleClaimSweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::run, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and keep the schedule alive.
            log.error("Sweeping stale payout claims failed; the next run retries", e);
        }
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
