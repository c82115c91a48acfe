package com.swiftlend.workflows.application;

import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.decision.DecisionOutcome;
import com.swiftlend.workflows.decision.DecisionRequest;
import com.swiftlend.workflows.decision.LoanDecisioning;
import com.swiftlend.workflows.notification.BorrowerNotifications;
import com.swiftlend.workflows.notification.Notice;
import com.swiftlend.workflows.payment.ChannelRanking;
import com.swiftlend.workflows.payment.ChannelRouting;
import com.swiftlend.workflows.payment.Disbursement;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutResult;
import com.swiftlend.workflows.payment.PayoutStatus;
import com.swiftlend.workflows.payment.RoutingRequest;
import com.swiftlend.workflows.risk.AntiFraudCheck;
import com.swiftlend.workflows.risk.BlacklistCheck;
import com.swiftlend.workflows.risk.BlacklistScreening;
import com.swiftlend.workflows.risk.BureauReport;
import com.swiftlend.workflows.risk.CreditBureauCheck;
import com.swiftlend.workflows.risk.DeviceAssessment;
import com.swiftlend.workflows.risk.DeviceCheck;
import com.swiftlend.workflows.risk.FraudAssessment;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskSubject;
import com.swiftlend.workflows.risk.VelocityCheck;
import com.swiftlend.workflows.risk.VelocityFeatures;
import com.swiftlend.workflows.scoring.CreditScore;
import com.swiftlend.workflows.scoring.CreditScoring;
import com.swiftlend.workflows.scoring.ScoringRequest;
import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.disbursement.DisbursementWorkflow;
import com.swiftlend.workflows.disbursement.DisbursementWorkflowImpl;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.math.BigDecimal;
import com.swiftlend.workflows.funding.FunderAnswer;
import com.swiftlend.workflows.funding.FunderOffer;
import com.swiftlend.workflows.funding.Funding;
import com.swiftlend.workflows.funding.FundingRequest;
import com.swiftlend.workflows.funding.FundingReservation;
import com.swiftlend.workflows.payment.ChannelPayouts;
import com.swiftlend.workflows.payment.PayoutAttempt;
import com.swiftlend.workflows.payment.PayoutState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scripted stand-ins for the activities, so the workflow's orchestration can be examined alone:
 * what it does when a source is slow, a channel is down or an operator answers. The activities
 * themselves are tested against real PostgreSQL, Redis and the HTTP simulators elsewhere.
 */
public class FakeParties implements CreditBureauCheck, AntiFraudCheck, BlacklistCheck, DeviceCheck, VelocityCheck,
        CreditScoring, LoanDecisioning, ChannelRouting, Disbursement, BorrowerNotifications, ApplicationRecords,
        ChannelPayouts, Funding {

    /**
     * How a scripted channel behaves on {@link #sendPayout} and {@link #resolvePayoutInDoubt}:
     * OK pays; REFUSED refuses before anything is sent (503 on a first send); DECLINE_CARD and
     * DECLINE_CHANNEL decline for the borrower's card or for the channel's own reasons;
     * TIMEOUT_AFTER_PAYING pays but the answer is lost; TIMEOUT_THEN_DOWN pays, the answer is lost,
     * and the channel then answers nothing (503) to the next {@link #downAnswers} questions;
     * PENDING answers PENDING to the first {@link #pendingAnswers} questions, then pays.
     */
    public enum ChannelScript { OK, REFUSED, DECLINE_CARD, DECLINE_CHANNEL, TIMEOUT_AFTER_PAYING, TIMEOUT_THEN_DOWN,
        PENDING }

    public final Map<String, ChannelScript> scripts = new ConcurrentHashMap<>();
    public volatile int downAnswers = 3;
    public volatile int pendingAnswers = 2;
    /** What each channel actually paid, by idempotency key: the channels' own books. */
    public final Map<String, String> paidAtChannel = new ConcurrentHashMap<>();
    public final List<PayoutOrder> sends = new CopyOnWriteArrayList<>();
    public final List<PayoutOrder> resolutions = new CopyOnWriteArrayList<>();
    public final Map<String, PayoutAttempt> attempts = new ConcurrentHashMap<>();
    private final Map<String, Integer> questions = new ConcurrentHashMap<>();

    public volatile List<FunderOffer> funders = List.of(
            new FunderOffer("harbor-capital", new BigDecimal("0.0650"), new BigDecimal("1000000")),
            new FunderOffer("jade-trust", new BigDecimal("0.0780"), new BigDecimal("1000000")));
    public final Set<String> refusingFunders = ConcurrentHashMap.newKeySet();
    public final Set<String> exhaustedFunders = ConcurrentHashMap.newKeySet();
    public final Map<String, String> reservations = new ConcurrentHashMap<>();
    public final List<String> released = new CopyOnWriteArrayList<>();
    public final List<String> consumed = new CopyOnWriteArrayList<>();
    /** Funders whose reservation a consume is refused for (as a missing or released one is). */
    public final Set<String> unconsumable = ConcurrentHashMap.newKeySet();
    /** How many times reading the recorded attempts fails for good, each failing a disbursement run. */
    public final java.util.concurrent.atomic.AtomicInteger brokenReads = new java.util.concurrent.atomic.AtomicInteger();
    /** How many times reading the recorded attempts fails next as a database that is away (retryable). */
    public final java.util.concurrent.atomic.AtomicInteger unreachableReads =
            new java.util.concurrent.atomic.AtomicInteger();

    public volatile long bureauDelayMillis;
    public volatile long deviceDelayMillis;
    /** How many status records fail next, as a database that is away fails them (retryable). */
    public final java.util.concurrent.atomic.AtomicInteger failingRecords =
            new java.util.concurrent.atomic.AtomicInteger();
    public volatile boolean scoringFails;
    public volatile DecisionOutcome decisionOutcome = DecisionOutcome.APPROVE;
    public volatile List<String> channels = List.of("swiftpay", "bankwire");
    public final Map<String, String> channelBehaviour = new ConcurrentHashMap<>();
    public final List<PayoutOrder> payoutsSent = new CopyOnWriteArrayList<>();
    public final List<PayoutOrder> lookups = new CopyOnWriteArrayList<>();
    public final Map<String, PayoutResult> paidByKey = new ConcurrentHashMap<>();
    public final List<Notice> notices = new CopyOnWriteArrayList<>();
    public final List<ApplicationStatus> recorded = new CopyOnWriteArrayList<>();

    @Override
    public BureauReport fetchCreditReport(RiskSubject subject) {
        pause(bureauDelayMillis);
        return new BureauReport(RiskOutcome.PASS, true, 720, 0, 1, new BigDecimal("1200"), 1, "file found");
    }

    @Override
    public FraudAssessment assessFraud(RiskSubject subject) {
        return new FraudAssessment(RiskOutcome.PASS, 12, List.of(), "accept");
    }

    @Override
    public BlacklistScreening screenBlacklist(RiskSubject subject) {
        return new BlacklistScreening(RiskOutcome.PASS, false, "not listed");
    }

    @Override
    public DeviceAssessment inspectDevice(RiskSubject subject) {
        pause(deviceDelayMillis);
        return new DeviceAssessment(RiskOutcome.PASS, 1, 1, "device not shared");
    }

    @Override
    public VelocityFeatures measureVelocity(RiskSubject subject) {
        return new VelocityFeatures(RiskOutcome.PASS, 1, 1, "normal");
    }

    @Override
    public CreditScore score(ScoringRequest request) {
        if (scoringFails) {
            throw ApplicationFailure.newNonRetryableFailure("model not loaded", Failures.INVALID_INPUT.name());
        }
        return new CreditScore("test-model-1", request.risk().bureau().hit() ? 0.03 : 0.2);
    }

    @Override
    public Decision decide(DecisionRequest request) {
        DecisionOutcome outcome = decisionOutcome;
        List<String> reasons = outcome == DecisionOutcome.APPROVE ? List.of("LOW_RISK") : List.of("SCORE_BORDERLINE");
        if (request.risk().bureau().outcome() == RiskOutcome.UNAVAILABLE) {
            outcome = DecisionOutcome.MANUAL_REVIEW;
            reasons = List.of("BUREAU_UNAVAILABLE");
        }
        return new Decision(outcome, reasons, outcome == DecisionOutcome.REJECT ? null : request.requestedAmount(),
                new BigDecimal("0.12"), "test-rules-1", request.score().modelVersion(),
                request.score().probabilityOfDefault());
    }

    @Override
    public ChannelRanking rankChannels(RoutingRequest request) {
        return new ChannelRanking(channels, null, null);
    }

    /** Behaviour per channel: "ok" (default), "down" (503), "decline", "timeout-but-paid". */
    @Override
    public PayoutResult disburse(PayoutOrder order) {
        payoutsSent.add(order);
        String behaviour = channelBehaviour.getOrDefault(order.channel(), "ok");
        PayoutResult earlier = paidByKey.get(order.idempotencyKey());
        if (earlier != null && !behaviour.equals("timeout-but-paid")) {
            return earlier;
        }
        switch (behaviour) {
            case "down" -> throw ApplicationFailure.newFailure("503 from channel", Failures.CHANNEL_UNAVAILABLE.name());
            case "decline" -> {
                return new PayoutResult(PayoutStatus.DECLINED, order.channel(), "ref-" + order.attempt(), "CARD_BLOCKED");
            }
            case "timeout-but-paid" -> {
                paidByKey.put(order.idempotencyKey(), new PayoutResult(PayoutStatus.SUCCEEDED, order.channel(),
                        "ref-" + order.idempotencyKey(), null));
                throw ApplicationFailure.newFailure("read timed out", "java.net.SocketTimeoutException");
            }
            default -> {
                PayoutResult paid = new PayoutResult(PayoutStatus.SUCCEEDED, order.channel(),
                        "ref-" + order.idempotencyKey(), null);
                paidByKey.put(order.idempotencyKey(), paid);
                return paid;
            }
        }
    }

    @Override
    public PayoutResult lookUpPayout(PayoutOrder order) {
        lookups.add(order);
        PayoutResult paid = paidByKey.get(order.idempotencyKey());
        return paid != null ? paid : new PayoutResult(PayoutStatus.NOT_FOUND, order.channel(), null, null);
    }

    @Override
    public void notifyBorrower(Notice notice) {
        notices.add(notice);
    }

    @Override
    public void recordStatus(ApplicationStatus status) {
        if (failingRecords.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw ApplicationFailure.newFailure("connection refused", "DataAccessResourceFailureException");
        }
        recorded.add(status);
    }

    /** A slow party: the activity's timeout, not this pause, decides what the workflow sees. */
    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public PayoutAttempt sendPayout(PayoutOrder order) {
        sends.add(order);
        PayoutAttempt known = attempts.get(order.idempotencyKey());
        if (known != null && known.state().isFinal()) {
            return known;
        }
        ChannelScript script = scripts.getOrDefault(order.channel(), ChannelScript.OK);
        PayoutAttempt attempt = switch (script) {
            case OK -> paid(order);
            case REFUSED -> known != null && known.state().inDoubt() ? known
                    : attempt(order, PayoutState.PROVEN_NOT_SENT, null, "CHANNEL_UNAVAILABLE", false);
            case DECLINE_CARD -> attempt(order, PayoutState.DECLINED, "ref-" + order.idempotencyKey(),
                    "CARD_BLOCKED", true);
            case DECLINE_CHANNEL -> attempt(order, PayoutState.DECLINED, "ref-" + order.idempotencyKey(),
                    "RISK_CONTROL", false);
            case TIMEOUT_AFTER_PAYING, TIMEOUT_THEN_DOWN -> {
                paidAtChannel.putIfAbsent(order.idempotencyKey(), order.channel());
                yield attempt(order, PayoutState.SENT_UNCONFIRMED, null, null, false);
            }
            case PENDING -> attempt(order, PayoutState.PENDING_AT_CHANNEL, "ref-" + order.idempotencyKey(), null,
                    false);
        };
        attempts.put(order.idempotencyKey(), attempt);
        return attempt;
    }

    @Override
    public PayoutAttempt resolvePayoutInDoubt(PayoutOrder order) {
        resolutions.add(order);
        int asked = questions.merge(order.idempotencyKey(), 1, Integer::sum);
        ChannelScript script = scripts.getOrDefault(order.channel(), ChannelScript.OK);
        PayoutAttempt attempt;
        if (script == ChannelScript.TIMEOUT_THEN_DOWN && asked <= downAnswers) {
            attempt = attempt(order, PayoutState.SENT_UNCONFIRMED, null, null, false);
        } else if (script == ChannelScript.PENDING && asked <= pendingAnswers) {
            attempt = attempt(order, PayoutState.PENDING_AT_CHANNEL, "ref-" + order.idempotencyKey(), null, false);
        } else {
            attempt = paid(order);
        }
        attempts.put(order.idempotencyKey(), attempt);
        return attempt;
    }

    @Override
    public List<PayoutAttempt> recordedPayoutAttempts(String applicationId) {
        if (brokenReads.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw ApplicationFailure.newNonRetryableFailure("corrupt payout row", Failures.INVALID_INPUT.name());
        }
        if (unreachableReads.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw ApplicationFailure.newFailure("connection refused", "DataAccessResourceFailureException");
        }
        List<PayoutAttempt> recorded = new ArrayList<>(attempts.values());
        recorded.removeIf(attempt -> !attempt.idempotencyKey().startsWith(applicationId + ":"));
        recorded.sort(Comparator.comparingInt(PayoutAttempt::attempt));
        return recorded;
    }

    private PayoutAttempt paid(PayoutOrder order) {
        paidAtChannel.putIfAbsent(order.idempotencyKey(), order.channel());
        return attempt(order, PayoutState.SUCCEEDED, "ref-" + order.idempotencyKey(), null, false);
    }

    private static PayoutAttempt attempt(PayoutOrder order, PayoutState state, String reference, String reason,
            boolean beneficiary) {
        return new PayoutAttempt(order.idempotencyKey(), order.attempt(), order.channel(), order.amount(), state,
                reference, reason, beneficiary, order.funder());
    }

    @Override
    public List<FunderOffer> eligibleFunders(FundingRequest request) {
        return funders;
    }

    @Override
    public FundingReservation reserveQuota(FundingRequest request, String funder) {
        if (exhaustedFunders.contains(funder)) {
            return new FundingReservation(funder, false, "QUOTA_EXHAUSTED");
        }
        reservations.put(request.applicationId() + ":" + funder, "RESERVED");
        return new FundingReservation(funder, true, null);
    }

    @Override
    public FunderAnswer requestFunderApproval(FundingRequest request, String funder) {
        return refusingFunders.contains(funder)
                ? new FunderAnswer(funder, false, "RISK_APPETITE", null)
                : new FunderAnswer(funder, true, null, "loan-" + request.applicationId());
    }

    @Override
    public void releaseFunding(String applicationId, String funder, String reason) {
        released.add(funder + ":" + reason);
        reservations.computeIfPresent(applicationId + ":" + funder, (key, state) -> "RELEASED");
    }

    @Override
    public void consumeFunding(String applicationId, String funder) {
        if (unconsumable.contains(funder)) {
            throw ApplicationFailure.newNonRetryableFailure("no reservation to consume", Failures.INVALID_INPUT.name());
        }
        consumed.add(funder);
        reservations.computeIfPresent(applicationId + ":" + funder, (key, state) -> "CONSUMED");
    }

    /**
     * Workers for every task queue on the test environment, running the current workflow code
     * with these settings and these fakes as every activity.
     */
    public void serve(TestWorkflowEnvironment environment, LoanWorkflowSettings settings) {
        Worker applications = environment.newWorker(TaskQueues.LOAN_APPLICATIONS);
        applications.registerWorkflowImplementationFactory(LoanApplicationWorkflow.class,
                () -> new LoanApplicationWorkflowImpl(settings));
        applications.registerActivitiesImplementations(this);
        environment.newWorker(TaskQueues.RISK).registerActivitiesImplementations(this);
        Worker payments = environment.newWorker(TaskQueues.PAYMENTS);
        payments.registerWorkflowImplementationFactory(DisbursementWorkflow.class,
                () -> new DisbursementWorkflowImpl(settings));
        payments.registerActivitiesImplementations(this);
        environment.newWorker(TaskQueues.NOTIFICATIONS).registerActivitiesImplementations(this);
    }

    /** Activity timeouts run in real time even in the time-skipping environment: keep them short. */
    public static LoanWorkflowSettings testSettings() {
        return new LoanWorkflowSettings(LoanWorkflowSettings.uniform(Duration.ofMillis(300)), 2,
                Duration.ofMillis(700), Duration.ofSeconds(2), Duration.ofHours(24), Duration.ofSeconds(2), 3,
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1));
    }
}
