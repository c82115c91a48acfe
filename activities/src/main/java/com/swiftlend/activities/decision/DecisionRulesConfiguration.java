package com.swiftlend.activities.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.records.ruleset.RuleSets;
import com.swiftlend.rules.ShippedRuleSet;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DecisionRulesConfiguration {

    /**
     * Built from the active version at start-up, so a broken one stops the worker from starting
     * rather than failing its first decision; a new database first gets the shipped rule set.
     */
    @Bean
    ActiveRuleSet activeRuleSet(RuleSets ruleSets, ObjectMapper json, Clock clock,
            @Value("${swiftlend.decision.refresh:1s}") Duration refresh) throws Exception {
        ShippedRuleSet shipped = ShippedRuleSet.load();
        ruleSets.seed(shipped.version(), new RuleSets.Content(shipped.dmnXml(),
                json.writeValueAsString(shipped.testCases())));
        ActiveRuleSet active = new ActiveRuleSet(ruleSets, json, clock, refresh);
        active.current();
        return active;
    }
}
