package com.swiftlend.activities.decision;

import com.swiftlend.rules.LoanDecisionService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DecisionRulesConfiguration {

    /** Parsed and validated once at start-up; a broken rule set stops the worker from starting. */
    @Bean
    LoanDecisionService loanDecisionService(
            @Value("${swiftlend.decision.rule-set:dmn/loan-decision.dmn}") String ruleSet) {
        return LoanDecisionService.fromClasspath(ruleSet);
    }
}
