package com.swiftlend.workflows.disbursement;

import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.application.LoanWorkflowSettings;
import com.swiftlend.workflows.funding.FunderAnswer;
import com.swiftlend.workflows.funding.FunderOffer;
import com.swiftlend.workflows.funding.FunderRefusal;
import com.swiftlend.workflows.funding.Funding;
import com.swiftlend.workflows.funding.FundingRequest;
import com.swiftlend.workflows.funding.FundingReservation;
import com.swiftlend.workflows.funding.FundingView;
import com.swiftlend.workflows.payment.ChannelPayouts;
import com.swiftlend.workflows.payment.ChannelRanking;
import com.swiftlend.workflows.payment.ChannelRouting;
import com.swiftlend.workflows.payment.PayoutAttempt;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutState;
import com.swiftlend.workflows.payment.RoutingRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * One loan's money, out exactly once: a funder first, then the ranked channels one attempt at a
 * time. An attempt in doubt is settled only by the channel it went to, under its own key, however
 * long that takes; another channel is tried only after a decline of the channel's own or proof
 * that nothing was sent. Whatever ends without paying gives back what it held (the funder's quota;
 * the activity releases channel holds and voids ledger entries with each attempt's final state).
 *
 * <p>It starts by reading the attempts already recorded for the application and settling any
 * that an earlier run left open, with the funder they were sent for, so a disbursement started
 * again after its history was lost (the embedded Temporal service keeps none across a restart)
 * continues where the money is, not where the workflow was.
 */
public class DisbursementWorkflowImpl implements DisbursementWorkflow {

    private static final Logger log = Workflow.getLogger(DisbursementWorkflowImpl.class);
    /** Questions about one payout in doubt before the workflow continues as new, to bound its history. */
    static final int POLLS_PER_RUN = 500;
    static final String CURRENCY = "CNY";

    /**
     * Version 1: the in-process reads (recorded attempts, eligible funders, channel ranking) are
     * local activities, run by the worker of this workflow; money moves as regular activities.
     * Histories without the marker schedule all of them as regular activities.
     */
    static final String LOCAL_READS_CHANGE = "disbursement-local-reads";
    static final int LOCAL_READS = 1;
    /** What the worker of this workflow (payments) must implement for its local activities. */
    public static final List<Class<?>> LOCAL_ACTIVITIES = List.of(ChannelPayouts.class, ChannelRouting.class,
            Funding.class);
    /** In-process tries of reading the recorded attempts before the server reads them (without limit). */
    public static final int LOCAL_READ_ATTEMPTS = 3;

    private final ChannelPayouts payouts;
    private final ChannelRouting routing;
    private final Funding funding;
    private final Funding settlement;
    private final ChannelPayouts localPayouts;
    private final ChannelRouting localRouting;
    private final Funding localFunding;
    /** Whether this run reads as local activities, as its history records. */
    private boolean localReads;

    private DisbursementRequest request;
    private DisbursementStatus status;
    private int polls;

    /** Used by replay tests and by workers that run on the default settings. */
    public DisbursementWorkflowImpl() {
        this(LoanWorkflowSettings.defaults());
    }

    public DisbursementWorkflowImpl(LoanWorkflowSettings settings) {
        ActivityOptions money = ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.PAYMENTS)
                .setStartToCloseTimeout(settings.payoutTimeout())
                // These fail only when our own database is away: the money must not be abandoned
                // for that, so there is no attempt limit. A contradicting order is never retried.
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(200))
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setDoNotRetry(Failures.INVALID_INPUT.name(), Failures.PAYOUT_CONFLICT.name())
                        .build())
                .build();
        this.payouts = Workflow.newActivityStub(ChannelPayouts.class, money);
        this.settlement = Workflow.newActivityStub(Funding.class, money);
        ActivityOptions bounded = ActivityOptions.newBuilder(money)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(200))
                        .setMaximumAttempts(3)
                        .setDoNotRetry(Failures.INVALID_INPUT.name())
                        .build())
                .build();
        this.routing = Workflow.newActivityStub(ChannelRouting.class, bounded);
        // A funder that answers late is asked again (idempotent at the funder by application id),
        // then given up for the next one: the borrower should not wait on one partner.
        this.funding = Workflow.newActivityStub(Funding.class, bounded);
        // Reads of our own database: the same timeout and retries as their regular form, in-process.
        LocalActivityOptions reads = LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(settings.payoutTimeout())
                .setRetryOptions(bounded.getRetryOptions())
                .build();
        this.localRouting = Workflow.newLocalActivityStub(ChannelRouting.class, reads);
        this.localFunding = Workflow.newLocalActivityStub(Funding.class, reads);
        this.localPayouts = Workflow.newLocalActivityStub(ChannelPayouts.class, LocalActivityOptions.newBuilder(reads)
                .setRetryOptions(RetryOptions.newBuilder(money.getRetryOptions())
                        .setMaximumAttempts(LOCAL_READ_ATTEMPTS)
                        .build())
                .build());
    }

    @Override
    public DisbursementStatus disburse(DisbursementRequest request) {
        this.request = request;
        localReads = Workflow.getVersion(LOCAL_READS_CHANGE, Workflow.DEFAULT_VERSION, LOCAL_READS) == LOCAL_READS;
        status = DisbursementStatus.started(request.applicationId());
        List<PayoutAttempt> recorded = recordedAttempts();
        status = status.withAttempts(recorded);
        // Before anything else: money an earlier run may already have sent is settled first, with
        // the funder it was sent for, whatever the funders' quotas say now.
        Optional<PayoutAttempt> settled = settleRecorded(recorded);
        if (settled.isPresent()) {
            PayoutAttempt attempt = settled.get();
            status = status.withFunding(new FundingView(attempt.funder(), null, "RESERVED", List.of()));
            return conclude(attempt);
        }

        FundingView funded = fund();
        status = status.withFunding(funded).at(DisbursementStep.ROUTING);
        if (funded.funder() == null) {
            return failed("NO_FUNDER_AVAILABLE");
        }

        Set<String> tried = new HashSet<>();
        recorded.forEach(attempt -> tried.add(attempt.channel()));
        int next = recorded.stream().mapToInt(PayoutAttempt::attempt).max().orElse(0) + 1;
        ChannelRanking ranking = (localReads ? localRouting : routing).rankChannels(
                new RoutingRequest(request.applicationId(), request.amount(), currency()));
        status = status.withRouting(ranking).at(DisbursementStep.SENDING);
        for (String channel : ranking.channels()) {
            if (next > request.policy().maxPayoutAttempts()) {
                break;
            }
            if (tried.contains(channel)) {
                continue;
            }
            PayoutOrder order = order(next, channel, status.funding().funder());
            PayoutAttempt attempt = settle(order, payouts.sendPayout(order));
            if (ends(attempt)) {
                return conclude(attempt);
            }
            tried.add(channel);
            next++;
        }
        return failed("NO_CHANNEL_AVAILABLE");
    }

    /**
     * The cheapest eligible funder that reserves quota and agrees. The reservation's release is
     * issued for every funder that does not end up funding the loan, whatever failed: a reservation
     * made by an activity that then timed out is given back too.
     */
    private FundingView fund() {
        FundingRequest ask = new FundingRequest(request.applicationId(), request.amount(), request.termDays(),
                request.region(), null);
        List<FunderRefusal> refusals = new ArrayList<>();
        List<FunderOffer> offers;
        try {
            offers = (localReads ? localFunding : funding).eligibleFunders(ask);
        } catch (ActivityFailure failure) {
            log.warn("No funder list for {}", request.applicationId());
            return new FundingView(null, null, "NONE", List.of(new FunderRefusal("*", "UNAVAILABLE")));
        }
        for (FunderOffer offer : offers) {
            String refusal;
            try {
                FundingReservation reservation = funding.reserveQuota(ask, offer.funder());
                if (!reservation.reserved()) {
                    refusals.add(new FunderRefusal(offer.funder(), reservation.reason()));
                    continue;
                }
                FunderAnswer answer = funding.requestFunderApproval(ask, offer.funder());
                if (answer.approved()) {
                    return new FundingView(offer.funder(), offer.annualPrice(), "RESERVED", refusals);
                }
                refusal = answer.reason() == null ? "REFUSED" : answer.reason();
            } catch (ActivityFailure failure) {
                refusal = "UNAVAILABLE";
            }
            refusals.add(new FunderRefusal(offer.funder(), refusal));
            settlement.releaseFunding(request.applicationId(), offer.funder(), refusal);
        }
        return new FundingView(null, null, "NONE", refusals);
    }

    /**
     * What the database holds of this application's payouts. It must be read however long the
     * database is away: after a few quick tries in-process, the server retries it without limit
     * (as before version 1), so a long outage neither fails the disbursement nor holds its
     * workflow task open. A read that can never succeed fails at once, as it always did.
     */
    private List<PayoutAttempt> recordedAttempts() {
        if (!localReads) {
            return payouts.recordedPayoutAttempts(request.applicationId());
        }
        try {
            return localPayouts.recordedPayoutAttempts(request.applicationId());
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause && (cause.isNonRetryable()
                    || Failures.INVALID_INPUT.name().equals(cause.getType()))) {
                throw failure;
            }
            log.warn("Payout attempts of {} read by the server after local tries failed", request.applicationId());
            return payouts.recordedPayoutAttempts(request.applicationId());
        }
    }

    /**
     * Attempts a previous run left: a success ends the disbursement, an attempt still open is
     * finished on its own channel under its own key before anything else is sent.
     */
    private Optional<PayoutAttempt> settleRecorded(List<PayoutAttempt> recorded) {
        for (PayoutAttempt attempt : recorded) {
            if (ends(attempt)) {
                return Optional.of(attempt);
            }
        }
        for (PayoutAttempt attempt : recorded) {
            if (attempt.state().isFinal()) {
                continue;
            }
            PayoutOrder order = order(attempt.attempt(), attempt.channel(), attempt.funder());
            PayoutAttempt current = attempt.state() == PayoutState.CLAIMED ? payouts.sendPayout(order) : attempt;
            PayoutAttempt result = settle(order, current);
            if (ends(result)) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }

    /** Paid, or declined for the borrower's own account: no other channel is tried after it. */
    private static boolean ends(PayoutAttempt attempt) {
        return attempt.state() == PayoutState.SUCCEEDED
                || attempt.state() == PayoutState.DECLINED && attempt.beneficiaryDecline();
    }

    /** Asks the same channel about the same key, with growing patience, until it answers for good. */
    private PayoutAttempt settle(PayoutOrder order, PayoutAttempt attempt) {
        record(attempt);
        Duration wait = request.policy().firstInDoubtPoll();
        while (!attempt.state().isFinal()) {
            status = status.at(DisbursementStep.RESOLVING_IN_DOUBT);
            if (++polls > POLLS_PER_RUN) {
                // Everything this run knows is in the database: the next run reads it back.
                Workflow.continueAsNew(request);
            }
            Workflow.sleep(wait);
            wait = wait.multipliedBy(2).compareTo(request.policy().maxInDoubtPoll()) > 0
                    ? request.policy().maxInDoubtPoll()
                    : wait.multipliedBy(2);
            attempt = payouts.resolvePayoutInDoubt(order);
            record(attempt);
        }
        status = status.at(DisbursementStep.SENDING);
        return attempt;
    }

    private DisbursementStatus conclude(PayoutAttempt attempt) {
        if (attempt.state() == PayoutState.SUCCEEDED) {
            FundingView funded = status.funding();
            String fundingState = "CONSUMED";
            if (funded.funder() != null) {
                try {
                    settlement.consumeFunding(request.applicationId(), funded.funder());
                } catch (ActivityFailure refused) {
                    // The money reached the borrower whatever the quota's books say: the loan is
                    // disbursed, and the funder's quota is left for an operator to reconcile.
                    log.error("Funding of {} at {} could not be consumed", request.applicationId(), funded.funder());
                    fundingState = "NOT_CONSUMED";
                }
            }
            status = status.paidOut(new FundingView(funded.funder(), funded.annualPrice(), fundingState,
                    funded.refusals()));
            return status;
        }
        return failed(attempt.declineReason() == null ? "DECLINED" : attempt.declineReason());
    }

    /** Nothing was paid: the funder's reservation goes back, and the failure says why. */
    private DisbursementStatus failed(String reason) {
        FundingView funded = status.funding();
        status = status.at(DisbursementStep.COMPENSATING);
        if (funded != null && funded.funder() != null) {
            settlement.releaseFunding(request.applicationId(), funded.funder(), reason);
            funded = new FundingView(funded.funder(), funded.annualPrice(), "RELEASED", funded.refusals());
        }
        status = status.endedUnpaid(reason, funded);
        return status;
    }

    private PayoutOrder order(int attempt, String channel, String funder) {
        return new PayoutOrder(request.applicationId(), attempt,
                PayoutOrder.idempotencyKey(request.applicationId(), attempt), channel, request.amount(),
                request.bankCard(), request.accountName(), funder, currency());
    }

    private String currency() {
        return request.currency() == null ? CURRENCY : request.currency();
    }

    /** Keeps the latest known state of each attempt, in attempt order. */
    private void record(PayoutAttempt attempt) {
        List<PayoutAttempt> attempts = new ArrayList<>(status.attempts());
        attempts.removeIf(known -> known.idempotencyKey().equals(attempt.idempotencyKey()));
        attempts.add(attempt);
        attempts.sort((a, b) -> Integer.compare(a.attempt(), b.attempt()));
        status = status.withAttempts(attempts);
    }

    @Override
    public DisbursementStatus status() {
        return status;
    }
}
