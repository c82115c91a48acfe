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
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scripted stand-ins for the activities, so the workflow's orchestration can be examined alone:
 * what it does when a source is slow, a channel is down or an operator answers. The activities
 * themselves are tested against real PostgreSQL, Redis and the HTTP simulators elsewhere.
 */
class FakeParties implements CreditBureauCheck, AntiFraudCheck, BlacklistCheck, DeviceCheck, VelocityCheck,
        CreditScoring, LoanDecisioning, ChannelRouting, Disbursement, BorrowerNotifications, ApplicationRecords {

    volatile long bureauDelayMillis;
    volatile DecisionOutcome decisionOutcome = DecisionOutcome.APPROVE;
    volatile List<String> channels = List.of("swiftpay", "bankwire");
    final Map<String, String> channelBehaviour = new ConcurrentHashMap<>();
    final List<PayoutOrder> payoutsSent = new CopyOnWriteArrayList<>();
    final List<PayoutOrder> lookups = new CopyOnWriteArrayList<>();
    final Map<String, PayoutResult> paidByKey = new ConcurrentHashMap<>();
    final List<Notice> notices = new CopyOnWriteArrayList<>();
    final List<ApplicationStatus> recorded = new CopyOnWriteArrayList<>();

    @Override
    public BureauReport fetchCreditReport(RiskSubject subject) {
        if (bureauDelayMillis > 0) {
            try {
                Thread.sleep(bureauDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        return new DeviceAssessment(RiskOutcome.PASS, 1, 1, "device not shared");
    }

    @Override
    public VelocityFeatures measureVelocity(RiskSubject subject) {
        return new VelocityFeatures(RiskOutcome.PASS, 1, 1, "normal");
    }

    @Override
    public CreditScore score(ScoringRequest request) {
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
        recorded.add(status);
    }
}
