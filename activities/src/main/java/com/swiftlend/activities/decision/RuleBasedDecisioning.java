package com.swiftlend.activities.decision;

import com.swiftlend.rules.DecisionFacts;
import com.swiftlend.rules.LoanDecisionService;
import com.swiftlend.rules.RuleDecision;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.decision.DecisionOutcome;
import com.swiftlend.workflows.decision.DecisionRequest;
import com.swiftlend.workflows.decision.LoanDecisioning;
import com.swiftlend.workflows.risk.RiskProfile;
import org.springframework.stereotype.Component;

/** Hands the evidence and the score to the published DMN rule set. */
@Component
class RuleBasedDecisioning implements LoanDecisioning {

    /** Every applicant is new until returning and premium strategies arrive with the segment rules. */
    static final String SEGMENT = "NEW";

    private final LoanDecisionService rules;

    RuleBasedDecisioning(LoanDecisionService rules) {
        this.rules = rules;
    }

    @Override
    public Decision decide(DecisionRequest request) {
        RiskProfile risk = request.risk();
        RuleDecision decision = rules.decide(new DecisionFacts(
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
                SEGMENT));
        return new Decision(DecisionOutcome.valueOf(decision.outcome().name()), decision.reasons(),
                decision.approvedAmount(), decision.annualRate(), decision.ruleSetVersion(),
                request.score().modelVersion(), request.score().probabilityOfDefault());
    }
}
