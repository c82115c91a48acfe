package com.swiftlend.workflows.application;

import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.decision.DecisionOutcome;
import com.swiftlend.workflows.decision.DecisionRequest;
import com.swiftlend.workflows.disbursement.DisbursementRequest;
import com.swiftlend.workflows.disbursement.DisbursementStatus;
import com.swiftlend.workflows.disbursement.DisbursementWorkflow;
import com.swiftlend.workflows.payment.PayoutAttempt;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import com.swiftlend.workflows.notification.BorrowerNotifications;
import com.swiftlend.workflows.notification.Notice;
import com.swiftlend.workflows.notification.NoticeKind;
import com.swiftlend.workflows.payment.ChannelRouting;
import com.swiftlend.workflows.payment.Disbursement;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutResult;
import com.swiftlend.workflows.payment.PayoutState;
import com.swiftlend.workflows.payment.PayoutStatus;
import com.swiftlend.workflows.payment.RoutingRequest;
import com.swiftlend.workflows.risk.AntiFraudCheck;
import com.swiftlend.workflows.risk.BlacklistScreening;
import com.swiftlend.workflows.risk.BureauReport;
import com.swiftlend.workflows.risk.CreditBureauCheck;
import com.swiftlend.workflows.risk.DeviceAssessment;
import com.swiftlend.workflows.risk.FraudAssessment;
import com.swiftlend.workflows.risk.RiskProfile;
import com.swiftlend.workflows.risk.RiskSource;
import com.swiftlend.workflows.risk.RiskSubject;
import com.swiftlend.workflows.risk.VelocityFeatures;
import com.swiftlend.workflows.scoring.CreditScore;
import com.swiftlend.workflows.scoring.ScoringRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The loan flow: evidence from every risk source at once, a score, a decision by the rules, a
 * human where the rules ask for one, then the payout and the borrower's notice. Deterministic:
 * time comes from {@link Workflow#currentTimeMillis()}, everything else from activities.
 */
public class LoanApplicationWorkflowImpl implements LoanApplicationWorkflow {

    private static final Logger log = Workflow.getLogger(LoanApplicationWorkflowImpl.class);

    /**
     * Version 1: disbursement is a child workflow ({@link DisbursementWorkflow}), the settings are
     * recorded at start, and an approval needs terms. Histories without the marker run the
     * inline payout loop they were recorded with. Version 2: see {@link #LOCAL_STEPS}.
     */
    static final String DISBURSEMENT_CHANGE = "disbursement-child-workflow";
    private static final Map<ApplicationState, NoticeKind> NOTICES = Map.of(
            ApplicationState.DISBURSED, NoticeKind.DISBURSED,
            ApplicationState.REJECTED, NoticeKind.REJECTED,
            ApplicationState.DISBURSEMENT_FAILED, NoticeKind.DISBURSEMENT_FAILED);
    static final int DISBURSEMENT_CHILD = 1;

    /**
     * Version 2: the in-process steps ({@link InProcessSteps}) run as local activities, and the
     * risk evidence is published before scoring. Same change id as version 1, whose code it
     * extends: one number tells which of the three paths a history follows.
     */
    static final int LOCAL_STEPS = 2;

    /**
     * What a worker polling {@link TaskQueues#LOAN_APPLICATIONS} must implement besides the status
     * record: local activities execute on the worker that runs the workflow, whatever queue their
     * regular form (histories before version 2) is scheduled on.
     */
    public static final List<Class<?>> LOCAL_ACTIVITIES = InProcessSteps.INTERFACES;

    private final LoanWorkflowSettings settings;
    /** The status record by the server, retried without limit: the fallback of the local one. */
    private final ApplicationRecords serverRecords;
    private final CreditBureauCheck bureau;
    private final AntiFraudCheck antiFraud;
    /** The in-process steps as regular activities, for histories recorded before version 2. */
    private final InProcessSteps activitySteps;
    /** The in-process steps this run takes, as its version says. */
    private InProcessSteps steps;
    private final ChannelRouting routing;
    private final Disbursement disbursement;
    private final Disbursement payoutLookup;
    private final BorrowerNotifications notifications;

    private ApplicationStatus status;
    private ReviewVerdict verdict;
    private boolean verdictApproves;
    /** Which version of this workflow's code the run follows, as its history records it. */
    private int version;
    /** The settings this run took when it started. */
    private LoanWorkflowSettings fixed;

    /** Used by replay tests and by workers that run on the default settings. */
    public LoanApplicationWorkflowImpl() {
        this(LoanWorkflowSettings.defaults());
    }

    public LoanApplicationWorkflowImpl(LoanWorkflowSettings settings) {
        this.settings = settings;
        this.serverRecords = Workflow.newActivityStub(ApplicationRecords.class, InProcessSteps.recordOptions());
        this.bureau = Workflow.newActivityStub(CreditBureauCheck.class,
                InProcessSteps.riskOptions(settings, RiskSource.CREDIT_BUREAU));
        this.antiFraud = Workflow.newActivityStub(AntiFraudCheck.class,
                InProcessSteps.riskOptions(settings, RiskSource.ANTI_FRAUD));
        this.activitySteps = InProcessSteps.asActivities(settings);
        ActivityOptions paymentOptions = ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.PAYMENTS)
                .setStartToCloseTimeout(settings.payoutTimeout())
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(200))
                        .setMaximumAttempts(3)
                        .setDoNotRetry(Failures.INVALID_INPUT.name(), Failures.PAYOUT_CONFLICT.name())
                        .build())
                .build();
        this.routing = Workflow.newActivityStub(ChannelRouting.class, paymentOptions);
        this.disbursement = Workflow.newActivityStub(Disbursement.class, paymentOptions);
        // Looking up a payout in doubt is worth more patience than sending one.
        this.payoutLookup = Workflow.newActivityStub(Disbursement.class, ActivityOptions.newBuilder(paymentOptions)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumAttempts(10)
                        .build())
                .build());
        this.notifications = Workflow.newActivityStub(BorrowerNotifications.class, ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.NOTIFICATIONS)
                .setStartToCloseTimeout(settings.notificationTimeout())
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                .build());
    }

    @Override
    public ApplicationStatus process(LoanApplicationInput input) {
        version = Workflow.getVersion(DISBURSEMENT_CHANGE, Workflow.DEFAULT_VERSION, LOCAL_STEPS);
        // Fixed for the whole run, as recorded: a worker configured otherwise replays the same commands.
        fixed = version == Workflow.DEFAULT_VERSION
                ? settings
                : Workflow.sideEffect(LoanWorkflowSettings.class, () -> settings);
        steps = version >= LOCAL_STEPS ? InProcessSteps.asLocalActivities(fixed) : activitySteps;
        ResumePoint resume = input.resume();
        status = ApplicationStatus.submitted(input.applicationId(), resume == null ? 0 : resume.revision(),
                input.submittedAt(), now());
        if (resume != null && resume.decision() != null) {
            return resumeAfterDecision(input, resume);
        }
        status = status.advance(ApplicationState.UNDER_REVIEW, ApplicationStep.RISK_CHECKS, now());
        publish();
        Decision decision = decide(input);
        return act(input, decision, 0, null);
    }

    private ApplicationStatus resumeAfterDecision(LoanApplicationInput input, ResumePoint resume) {
        ApplicationStep step = switch (resume.status()) {
            case MANUAL_REVIEW -> ApplicationStep.AWAITING_REVIEW;
            case APPROVED -> ApplicationStep.ROUTING;
            case DISBURSING -> ApplicationStep.DISBURSING;
            default -> ApplicationStep.DECISION;
        };
        status = status.withRiskChecks(resume.riskChecks()).withDecision(resume.decision(), resume.decidedAt())
                .withReviewDeadline(resume.reviewDeadline()).advance(resume.status(), step, now());
        if (resume.status().isFinal() && version != Workflow.DEFAULT_VERSION) {
            // Decided and done before the stop; only the borrower's notice may not have gone out.
            status = status.withReview(resume.review()).advance(resume.status(), ApplicationStep.NOTIFYING, now());
            return finish(input, resume.status(), NOTICES.get(resume.status()),
                    resume.status() == ApplicationState.DISBURSED
                            ? approvedAmount(input, resume.decision(), resume.review()) : null);
        }
        if (resume.status() == ApplicationState.MANUAL_REVIEW) {
            return awaitReview(input, resume.decision());
        }
        if (resume.status() == ApplicationState.APPROVED || resume.status() == ApplicationState.DISBURSING) {
            return disburse(input, approvedAmount(input, resume.decision(), null), resume.payoutAttempt(),
                    resume.payoutChannel());
        }
        return act(input, resume.decision(), resume.payoutAttempt(), resume.payoutChannel());
    }

    private Decision decide(LoanApplicationInput input) {
        RiskProfile risk = runRiskChecks(subject(input));
        status = status.withRiskChecks(risk.results().stream().map(RiskCheckView::of).toList())
                .advance(status.status(), ApplicationStep.SCORING, now());
        if (steps.local()) {
            // A revision that was never recorded before, now that recording is cheap: the borrower
            // sees the evidence while the score and the rules are still to come.
            publish();
        }
        CreditScore score;
        try {
            score = steps.scoring().score(new ScoringRequest(input.applicationId(), risk, input.terms().amount(),
                    input.terms().termDays()));
        } catch (ActivityFailure failure) {
            log.warn("Scoring failed for {}; sending to manual review", input.applicationId());
            return unscoredReview("SCORING_UNAVAILABLE");
        }
        try {
            return steps.decisioning().decide(new DecisionRequest(input.applicationId(), risk, score,
                    input.terms().amount(), input.terms().termDays()));
        } catch (ActivityFailure failure) {
            log.warn("Decision rules failed for {}; sending to manual review", input.applicationId());
            return new Decision(DecisionOutcome.MANUAL_REVIEW, List.of("DECISION_ENGINE_UNAVAILABLE"), null, null,
                    null, score.modelVersion(), score.probabilityOfDefault());
        }
    }

    private static Decision unscoredReview(String reason) {
        return new Decision(DecisionOutcome.MANUAL_REVIEW, List.of(reason), null, null, null, null, null);
    }

    /**
     * Every source is asked at once; one that fails or times out becomes UNAVAILABLE evidence.
     * Since version 2 the remote sources are scheduled when this workflow task completes, after the
     * local checks have answered: milliseconds, at worst their deadline when Redis or the database
     * stalls. That is the price of sparing three round trips on every application.
     */
    private RiskProfile runRiskChecks(RiskSubject subject) {
        Promise<BureauReport> bureauReport = Async.function(bureau::fetchCreditReport, subject)
                .exceptionally(failure -> BureauReport.unavailable(describe(failure)));
        Promise<FraudAssessment> fraud = Async.function(antiFraud::assessFraud, subject)
                .exceptionally(failure -> FraudAssessment.unavailable(describe(failure)));
        Promise<BlacklistScreening> listed = Async.function(steps.blacklist()::screenBlacklist, subject)
                .exceptionally(failure -> BlacklistScreening.unavailable(describe(failure)));
        Promise<DeviceAssessment> deviceRisk = Async.function(steps.device()::inspectDevice, subject)
                .exceptionally(failure -> DeviceAssessment.unavailable(describe(failure)));
        Promise<VelocityFeatures> recent = Async.function(steps.velocity()::measureVelocity, subject)
                .exceptionally(failure -> VelocityFeatures.unavailable(describe(failure)));
        Promise.allOf(bureauReport, fraud, listed, deviceRisk, recent).get();
        return new RiskProfile(bureauReport.get(), fraud.get(), listed.get(), deviceRisk.get(), recent.get());
    }

    private ApplicationStatus act(LoanApplicationInput input, Decision decision, int payoutAttempt, String channel) {
        Instant decidedAt = now();
        status = status.withDecision(decision, decidedAt);
        switch (decision.outcome()) {
            case REJECT -> {
                status = status.advance(ApplicationState.REJECTED, ApplicationStep.NOTIFYING, now());
                return finish(input, ApplicationState.REJECTED, NoticeKind.REJECTED, null);
            }
            case MANUAL_REVIEW -> {
                status = status.withReviewDeadline(decidedAt.plus(fixed.reviewTimeout()))
                        .advance(ApplicationState.MANUAL_REVIEW, ApplicationStep.AWAITING_REVIEW, now());
                publish();
                notifyBorrower(input, NoticeKind.MANUAL_REVIEW, null);
                return awaitReview(input, decision);
            }
            default -> {
                status = status.advance(ApplicationState.APPROVED, ApplicationStep.ROUTING, now());
                publish();
                return disburse(input, approvedAmount(input, decision, null), payoutAttempt, channel);
            }
        }
    }

    private ApplicationStatus awaitReview(LoanApplicationInput input, Decision decision) {
        boolean decided = false;
        while (!decided) {
            Duration remaining = Duration.between(now(), status.reviewDeadline());
            if (remaining.isNegative() || !Workflow.await(remaining, () -> verdict != null)) {
                break;
            }
            if (verdictApproves && version != Workflow.DEFAULT_VERSION
                    && approvedAmount(input, decision, verdict) == null) {
                // Defence in depth (the API refuses it first): an approval must carry terms when
                // the decision has none, or the loan would be paid on no terms at all.
                log.warn("Approval without terms ignored for {}", input.applicationId());
                verdict = null;
                continue;
            }
            decided = true;
        }
        if (!decided) {
            status = status.withDecision(withReason(decision, "REVIEW_EXPIRED"), status.decidedAt())
                    .advance(ApplicationState.REJECTED, ApplicationStep.NOTIFYING, now());
            return finish(input, ApplicationState.REJECTED, NoticeKind.REJECTED, null);
        }
        if (!verdictApproves) {
            status = status.withReview(verdict).advance(ApplicationState.REJECTED, ApplicationStep.NOTIFYING, now());
            return finish(input, ApplicationState.REJECTED, NoticeKind.REJECTED, null);
        }
        status = status.withReview(verdict).advance(ApplicationState.APPROVED, ApplicationStep.ROUTING, now());
        publish();
        return disburse(input, approvedAmount(input, decision, verdict), 0, null);
    }

    private ApplicationStatus disburse(LoanApplicationInput input, BigDecimal amount, int resumedAttempt,
            String resumedChannel) {
        if (version == Workflow.DEFAULT_VERSION) {
            return disburseInline(input, amount, resumedAttempt, resumedChannel);
        }
        status = status.advance(ApplicationState.DISBURSING, ApplicationStep.DISBURSING, now());
        publish();
        DisbursementWorkflow child = Workflow.newChildWorkflowStub(DisbursementWorkflow.class,
                disbursementOptions(input));
        DisbursementRequest disbursement = new DisbursementRequest(input.applicationId(), amount,
                input.terms().termDays(), region(input.applicant().idNumber()), input.applicant().bankCard(),
                input.applicant().name(), "CNY", fixed.disbursementPolicy());
        DisbursementStatus outcome = null;
        while (outcome == null) {
            try {
                outcome = child.disburse(disbursement);
            } catch (ChildWorkflowFailure failure) {
                // Money may have moved: a failed disbursement workflow is no proof that nothing was
                // paid. It starts again (it resumes from the recorded attempts); meanwhile the loan
                // stays DISBURSING, visible on the operators' queue, never reported as failed.
                log.error("Disbursement of {} failed as a workflow; starting it again", input.applicationId());
                Workflow.sleep(Duration.ofMinutes(1));
                child = Workflow.newChildWorkflowStub(DisbursementWorkflow.class, disbursementOptions(input));
            }
        }
        PayoutAttempt last = outcome.lastAttempt();
        status = status.withDisbursement(outcome.funding(), outcome.routing())
                .withPayout(last == null ? new PayoutView(0, null, null, null, outcome.failureReason())
                        : PayoutView.of(last, outcome.failureReason()));
        if (outcome.disbursed()) {
            status = status.advance(ApplicationState.DISBURSED, ApplicationStep.NOTIFYING, now());
            return finish(input, ApplicationState.DISBURSED, NoticeKind.DISBURSED, amount);
        }
        status = status.advance(ApplicationState.DISBURSEMENT_FAILED, ApplicationStep.NOTIFYING, now());
        return finish(input, ApplicationState.DISBURSEMENT_FAILED, NoticeKind.DISBURSEMENT_FAILED, null);
    }

    private static ChildWorkflowOptions disbursementOptions(LoanApplicationInput input) {
        return ChildWorkflowOptions.newBuilder()
                .setWorkflowId(DisbursementRequest.workflowId(input.applicationId()))
                .setTaskQueue(TaskQueues.PAYMENTS)
                // Money already asked for must reach a final state even if this workflow is
                // terminated: the disbursement outlives its parent.
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build();
    }

    /**
     * The payout loop of workflows started before {@link DisbursementWorkflow} existed, kept
     * command for command so their histories still replay. Its activity now answers a payout in
     * doubt as in doubt (never as "not found"), so these too never pay twice.
     */
    private ApplicationStatus disburseInline(LoanApplicationInput input, BigDecimal amount, int resumedAttempt,
            String resumedChannel) {
        List<String> channels = new ArrayList<>(
                routing.rankChannels(new RoutingRequest(input.applicationId(), amount)).channels());
        if (resumedChannel != null) {
            channels.remove(resumedChannel);
            channels.add(0, resumedChannel);
        }
        int attempt = Math.max(resumedAttempt, 1);
        for (String channel : channels) {
            if (attempt > fixed.maxPayoutAttempts()) {
                break;
            }
            PayoutOrder order = new PayoutOrder(input.applicationId(), attempt,
                    PayoutOrder.idempotencyKey(input.applicationId(), attempt), channel, amount,
                    input.applicant().bankCard(), input.applicant().name());
            status = status.withPayout(new PayoutView(attempt, channel, null, null, null))
                    .advance(ApplicationState.DISBURSING, ApplicationStep.DISBURSING, now());
            publish();
            PayoutResult result = send(order);
            if (result == null) {
                return payoutFailed(input, order, null, "PAYOUT_STATE_UNKNOWN");
            }
            switch (result.status()) {
                case SUCCEEDED -> {
                    status = status.withPayout(new PayoutView(attempt, channel, PayoutState.SUCCEEDED,
                                    result.channelReference(), null))
                            .advance(ApplicationState.DISBURSED, ApplicationStep.NOTIFYING, now());
                    return finish(input, ApplicationState.DISBURSED, NoticeKind.DISBURSED, amount);
                }
                case DECLINED -> {
                    return payoutFailed(input, order, result, result.declineReason());
                }
                default -> attempt++;
            }
        }
        return payoutFailed(input, null, null, "NO_CHANNEL_AVAILABLE");
    }

    /** Null when the outcome cannot be known: the channel neither confirmed nor denied the payout. */
    private PayoutResult send(PayoutOrder order) {
        try {
            return disbursement.disburse(order);
        } catch (ActivityFailure failure) {
            if (hasType(failure, Failures.CHANNEL_UNAVAILABLE)) {
                return new PayoutResult(PayoutStatus.NOT_FOUND, order.channel(), null, "CHANNEL_UNAVAILABLE");
            }
            try {
                return payoutLookup.lookUpPayout(order);
            } catch (ActivityFailure lookupFailure) {
                log.error("Payout {} is in doubt: the channel neither confirms nor denies it", order.idempotencyKey());
                return null;
            }
        }
    }

    private ApplicationStatus payoutFailed(LoanApplicationInput input, PayoutOrder order, PayoutResult result,
            String reason) {
        PayoutView last = status.payout();
        PayoutView payout = order != null
                ? new PayoutView(order.attempt(), order.channel(), result == null ? null : stateOf(result.status()),
                        result == null ? null : result.channelReference(), reason)
                : last != null
                        ? new PayoutView(last.attempt(), last.channel(), PayoutState.PROVEN_NOT_SENT, null, reason)
                        : new PayoutView(0, null, null, null, reason);
        status = status.withPayout(payout)
                .advance(ApplicationState.DISBURSEMENT_FAILED, ApplicationStep.NOTIFYING, now());
        return finish(input, ApplicationState.DISBURSEMENT_FAILED, NoticeKind.DISBURSEMENT_FAILED, null);
    }

    private ApplicationStatus finish(LoanApplicationInput input, ApplicationState state, NoticeKind notice,
            BigDecimal amount) {
        publish();
        notifyBorrower(input, notice, amount);
        status = status.completed(state, now());
        publish();
        return status;
    }

    /** A notice that cannot be delivered must not undo a decision or a payout. */
    private void notifyBorrower(LoanApplicationInput input, NoticeKind kind, BigDecimal amount) {
        try {
            notifications.notifyBorrower(new Notice(input.applicationId(), input.applicant().phone(), kind, amount));
        } catch (ActivityFailure failure) {
            log.warn("Notice {} for {} could not be delivered", kind, input.applicationId());
        }
    }

    @Override
    public void approve(ReviewVerdict verdict) {
        review(verdict, true);
    }

    @Override
    public void reject(ReviewVerdict verdict) {
        review(verdict, false);
    }

    /**
     * The first verdict counts. One may arrive before the workflow method has run (a signal sent
     * right after a resumed workflow starts); it is held until the review begins.
     */
    private void review(ReviewVerdict verdict, boolean approves) {
        boolean reviewable = status == null || status.status() == ApplicationState.MANUAL_REVIEW;
        if (!reviewable || this.verdict != null) {
            return;
        }
        this.verdict = verdict;
        this.verdictApproves = approves;
    }

    @Override
    public ApplicationStatus status() {
        return status;
    }

    private void publish() {
        if (!steps.local()) {
            steps.records().recordStatus(status);
            return;
        }
        try {
            steps.records().recordStatus(status);
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause && cause.isNonRetryable()) {
                throw failure;
            }
            // The database did not take it in a few quick tries: the server retries it for as long
            // as it takes, as before version 2. The same revision, so a late local write is harmless.
            log.warn("Status revision {} of {} recorded by the server after local tries failed", status.revision(),
                    status.id());
            serverRecords.recordStatus(status);
        }
    }

    private static RiskSubject subject(LoanApplicationInput input) {
        Applicant applicant = input.applicant();
        return new RiskSubject(input.applicationId(), applicant.name(), applicant.idNumber(), applicant.phone(),
                applicant.deviceId(), applicant.clientIp(), input.terms().amount(), input.terms().termDays());
    }

    /**
     * The amount to pay out: the operator's when they set one, else the rules'. Null when neither
     * gave full terms (amount and rate): such a loan is not paid. Workflows started before terms
     * were required paid the requested amount then, and replay so.
     */
    private BigDecimal approvedAmount(LoanApplicationInput input, Decision decision, ReviewVerdict review) {
        if (version == Workflow.DEFAULT_VERSION) {
            return decision.approvedAmount() != null ? decision.approvedAmount() : input.terms().amount();
        }
        if (review != null && review.approvedAmount() != null && review.annualRate() != null) {
            return review.approvedAmount();
        }
        if (decision.approvedAmount() != null && (decision.annualRate() != null || review != null
                && review.annualRate() != null)) {
            return decision.approvedAmount();
        }
        return null;
    }

    /** The province code (GB/T 2260) a funder's eligibility names: never more of the ID number. */
    private static String region(String idNumber) {
        return idNumber == null || idNumber.length() < 2 ? null : idNumber.substring(0, 2);
    }

    private static Decision withReason(Decision decision, String reason) {
        List<String> reasons = new ArrayList<>(decision.reasons());
        reasons.add(reason);
        return new Decision(DecisionOutcome.REJECT, List.copyOf(reasons), null, null, decision.ruleSetVersion(),
                decision.modelVersion(), decision.probabilityOfDefault());
    }

    private static PayoutState stateOf(PayoutStatus legacy) {
        return switch (legacy) {
            case SUCCEEDED -> PayoutState.SUCCEEDED;
            case DECLINED -> PayoutState.DECLINED;
            case NOT_FOUND -> PayoutState.PROVEN_NOT_SENT;
        };
    }

    private static boolean hasType(ActivityFailure failure, Failures type) {
        return failure.getCause() instanceof ApplicationFailure cause && type.name().equals(cause.getType());
    }

    /** A short, PII-free account of why a source gave no answer. */
    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
        if (cause instanceof TimeoutFailure timeout) {
            return "timed out (" + timeout.getTimeoutType().name().toLowerCase().replace("timeout_type_", "") + ")";
        }
        if (cause instanceof ApplicationFailure application) {
            return "failed: " + application.getType();
        }
        if (cause instanceof TemporalFailure temporal) {
            return "failed: " + temporal.getClass().getSimpleName();
        }
        return "failed";
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
