package com.swiftlend.activities.decision;

import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.rules.DecisionFacts;
import com.swiftlend.rules.RuleDecision;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.decision.DecisionOutcome;
import com.swiftlend.workflows.decision.DecisionRequest;
import com.swiftlend.workflows.decision.LoanDecisioning;
import com.swiftlend.workflows.risk.RiskProfile;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Hands the evidence and the score to the published DMN rule set, and records what it decided. */
@Component
class RuleBasedDecisioning implements LoanDecisioning {

    /** Every applicant is new until returning and premium strategies arrive with the segment rules. */
    static final String SEGMENT = "NEW";

    private final ActiveRuleSet rules;
    private final AuditTrail audit;

    RuleBasedDecisioning(ActiveRuleSet rules, AuditTrail audit) {
        this.rules = rules;
        this.audit = audit;
    }

    @Override
    public Decision decide(DecisionRequest request) {
        RiskProfile risk = request.risk();
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
                SEGMENT);
        RuleDecision decision = rules.current().decide(facts);
        Decision result = new Decision(DecisionOutcome.valueOf(decision.outcome().name()), decision.reasons(),
                decision.approvedAmount(), decision.annualRate(), decision.ruleSetVersion(),
                request.score().modelVersion(), request.score().probabilityOfDefault());
        // Before answering: a decision the workflow acts on is always on record. A retry of this
        // activity decides the same facts again and the trail keeps the first record only.
        audit.append(new AuditEvent.Decision(UUID.fromString(request.applicationId()), audit.digest(facts),
                risk.results().stream()
                        .map(source -> new AuditEvent.RiskSourceResult(source.source().name(),
                                source.outcome().name(), source.note()))
                        .toList(),
                result.modelVersion(), result.probabilityOfDefault(), result.ruleSetVersion(),
                result.outcome().name(), result.reasons(), request.requestedAmount(), request.termDays(),
                result.approvedAmount(), result.annualRate()));
        return result;
    }
}
