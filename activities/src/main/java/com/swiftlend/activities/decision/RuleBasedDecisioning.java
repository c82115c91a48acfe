package com.swiftlend.activities.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.activities.applicant.ApplicantHistory;
import com.swiftlend.activities.scoring.ServingModels;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.records.decision.DecisionRecords;
import com.swiftlend.records.decision.ShadowDecisions;
import com.swiftlend.records.model.CreditScores;
import com.swiftlend.rules.DecisionFacts;
import com.swiftlend.rules.LoanDecisionService;
import com.swiftlend.rules.RuleDecision;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.decision.DecisionOutcome;
import com.swiftlend.workflows.decision.DecisionRequest;
import com.swiftlend.workflows.decision.LoanDecisioning;
import com.swiftlend.workflows.decision.MatchedRule;
import com.swiftlend.workflows.risk.RiskProfile;
import com.swiftlend.workflows.scoring.CreditScore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Hands the evidence and the score to the published DMN rule set, and records what it decided. */
@Component
class RuleBasedDecisioning implements LoanDecisioning {

    private static final Logger log = LoggerFactory.getLogger(RuleBasedDecisioning.class);

    private final ActiveRuleSet rules;
    private final ApplicantHistory history;
    private final ChallengerTraffic traffic;
    private final ShadowDecisions shadows;
    private final CreditScores modelScores;
    private final ServingModels models;
    private final AuditTrail audit;
    private final DecisionRecords records;
    private final ObjectMapper mapper;
    private final Clock clock;

    RuleBasedDecisioning(ActiveRuleSet rules, ApplicantHistory history, ChallengerTraffic traffic,
            ShadowDecisions shadows, CreditScores modelScores, ServingModels models, AuditTrail audit,
            DecisionRecords records, ObjectMapper mapper, Clock clock) {
        this.rules = rules;
        this.history = history;
        this.traffic = traffic;
        this.shadows = shadows;
        this.modelScores = modelScores;
        this.models = models;
        this.audit = audit;
        this.records = records;
        this.mapper = mapper;
        this.clock = clock;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record a decision", e);
        }
    }

    @Override
    public Decision decide(DecisionRequest request) {
        RiskProfile risk = request.risk();
        UUID applicationId = UUID.fromString(request.applicationId());
        ApplicantHistory.Facts applicant = history.of(applicationId);
        DecisionFacts facts = new DecisionFacts(
                risk.blacklist().listed(),
                risk.bureau().outcome().name(),
                risk.bureau().creditScore(),
                risk.bureau().delinquencies(),
                risk.fraud().outcome().name(),
                risk.device().outcome().name(),
                risk.velocity().outcome().name(),
                request.score().probabilityOfDefault(),
                request.requestedAmount(),
                request.termDays(),
                applicant.age(),
                applicant.previousLoans());
        // A retry decides with the version its first attempt used, so the trail's first record,
        // the decision record and what the workflow acts on all agree.
        ActiveRuleSet.Serving serving = rules.serving();
        LoanDecisionService ruleSet = records.find(applicationId)
                .map(first -> rules.version(first.ruleSetVersion()))
                .orElse(serving.champion());
        RuleDecision decision = ruleSet.decide(facts);
        CreditScore score = request.score();
        Decision result = new Decision(DecisionOutcome.valueOf(decision.outcome().name()),
                withModelReasons(decision.reasons(), score), decision.approvedAmount(), decision.annualRate(),
                decision.ruleSetVersion(), score.modelVersion(), score.probabilityOfDefault(),
                decision.matchedRules().stream().map(rule -> new MatchedRule(rule.decision(), rule.rule())).toList(),
                withModelReasonTexts(decision.reasonTexts(), score), score.score(), score.band());
        records.record(new DecisionRecords.DecisionRecord(applicationId,
                result.ruleSetVersion(), result.modelVersion(), json(facts), result.outcome().name(),
                json(decision.reasons()), json(result.matchedRules()), result.approvedAmount(), result.annualRate(),
                clock.instant()));
        // Before answering: a decision the workflow acts on is always on record. A retry of this
        // activity decides the same facts again and the trail keeps the first record only.
        audit.append(new AuditEvent.Decision(applicationId, audit.digest(facts),
                risk.results().stream()
                        .map(source -> new AuditEvent.RiskSourceResult(source.source().name(),
                                source.outcome().name(), source.note()))
                        .toList(),
                result.modelVersion(), result.probabilityOfDefault(), result.ruleSetVersion(),
                result.outcome().name(), result.reasons(), request.requestedAmount(), request.termDays(),
                result.approvedAmount(), result.annualRate()));
        if (serving.challenger() != null && traffic.includes(applicationId)) {
            shadow(applicationId, facts, serving.challenger(), result.ruleSetVersion());
        }
        if (models.scoresChallengers()) {
            challengerModels(applicationId, facts, ruleSet);
        }
        return result;
    }

    /** The model's reason codes follow the rules': worst first, or why it could not score. */
    private static List<String> withModelReasons(List<String> rules, CreditScore score) {
        List<String> reasons = new ArrayList<>(rules);
        score.reasons().forEach(reason -> reasons.add(reason.code()));
        if (score.unscored() != null) {
            reasons.add(score.unscored().code());
        }
        return reasons;
    }

    private static Map<String, String> withModelReasonTexts(Map<String, String> rules, CreditScore score) {
        Map<String, String> texts = new LinkedHashMap<>(rules);
        score.reasons().forEach(reason -> texts.put(reason.code(), reason.text()));
        if (score.unscored() != null) {
            texts.put(score.unscored().code(), score.unscored().text());
        }
        return texts;
    }

    /**
     * What the champion rules would have decided on each challenger model's probability instead of
     * the champion's: stored beside the challenger's score for its shadow report, never returned.
     */
    private void challengerModels(UUID applicationId, DecisionFacts facts, LoanDecisionService ruleSet) {
        for (CreditScores.Scored challenger : modelScores.challengers(applicationId)) {
            try {
                RuleDecision shadow = ruleSet.decide(facts.withProbabilityOfDefault(
                        challenger.probabilityOfDefault()));
                modelScores.recordShadowOutcome(applicationId, challenger.modelVersion(), shadow.outcome().name());
            } catch (RuntimeException e) {
                log.warn("Decision on challenger model {} could not be evaluated for application {}",
                        challenger.modelVersion(), applicationId, e);
            }
        }
    }

    /**
     * The challenger's answer to the same facts, stored beside the champion's and never returned:
     * nothing it says reaches the workflow, and nothing it fails at fails the decision.
     */
    private void shadow(UUID applicationId, DecisionFacts facts, LoanDecisionService challenger, String champion) {
        try {
            RuleDecision shadow = challenger.decide(facts);
            shadows.record(new ShadowDecisions.ShadowDecision(applicationId, shadow.ruleSetVersion(), champion,
                    shadow.outcome().name(), json(shadow.reasons()), json(shadow.matchedRules()),
                    shadow.approvedAmount(), shadow.annualRate(), clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Challenger {} could not be evaluated in shadow for application {}", challenger.ruleSetVersion(),
                    applicationId, e);
        }
    }
}
