package com.swiftlend.api.ruleset;

import com.swiftlend.records.ruleset.RuleSets;
import com.swiftlend.rules.LoanDecisionService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Stored rule-set versions built for evaluation in this process, each once: a version never
 * changes after it is stored, so a built one serves every back-test and explanation after.
 */
@Component
public class RuleSetLibrary {

    private final RuleSets ruleSets;
    private final Map<String, LoanDecisionService> built = new ConcurrentHashMap<>();

    RuleSetLibrary(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    /** @throws java.util.NoSuchElementException when no such version is stored */
    public LoanDecisionService version(String version) {
        return built.computeIfAbsent(version, name -> {
            RuleSets.Content content = ruleSets.content(name).orElseThrow();
            // Its test cases passed when it was drafted and its text cannot have changed since.
            return LoanDecisionService.compile(content.dmnXml(), name, List.of());
        });
    }
}
