package com.swiftlend.api.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.api.ApiProblems.FieldProblem;
import com.swiftlend.api.ApiProblems.InvalidRequestException;
import com.swiftlend.records.decision.DecisionRecords;
import com.swiftlend.records.decision.DecisionRecords.DecisionRecord;
import com.swiftlend.records.ruleset.RuleSets;
import com.swiftlend.rules.BackTest;
import com.swiftlend.rules.DecisionFacts;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs a rule-set version against the recorded decisions of real applications, side by side with
 * the active version ({@link BackTest}): the answer a business user needs before asking for
 * approval.
 */
@RestController
@RequestMapping("/api/v1/rulesets")
class BackTestController {

    /** Either {@code last} (the most recent N decisions) or {@code from} and {@code to}. */
    record Range(Integer last, Instant from, Instant to) {
    }

    record BackTestAnswer(String version, String against, BackTest.Report report) {
    }

    private final RuleSets ruleSets;
    private final RuleSetLibrary library;
    private final DecisionRecords decisions;
    private final ObjectMapper json;
    private final int maxApplications;
    private final int maxChanges;

    BackTestController(RuleSets ruleSets, RuleSetLibrary library, DecisionRecords decisions, ObjectMapper json,
            @Value("${swiftlend.rules.backtest.max-applications:100000}") int maxApplications,
            @Value("${swiftlend.rules.backtest.max-changes:500}") int maxChanges) {
        this.ruleSets = ruleSets;
        this.library = library;
        this.decisions = decisions;
        this.json = json;
        this.maxApplications = maxApplications;
        this.maxChanges = maxChanges;
    }

    @Operation(summary = "Back-test a version against recorded decisions, beside the active version")
    @PostMapping("/{version}/backtest")
    BackTestAnswer backTest(@PathVariable String version, @RequestBody Range range) {
        List<DecisionRecord> records = recorded(range);
        if (ruleSets.find(version).isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, RuleSetController.UNKNOWN_RULE_SET,
                    "No rule set version is named " + version);
        }
        String active = ruleSets.activeVersion().orElseThrow(() -> new ApiException(HttpStatus.CONFLICT,
                RuleSetController.WRONG_STATUS, "No rule set is active to compare with"));
        List<BackTest.Case> cases = new ArrayList<>(records.size());
        for (DecisionRecord record : records) {
            cases.add(new BackTest.Case(record.applicationId().toString(), facts(record)));
        }
        return new BackTestAnswer(version, active,
                BackTest.run(library.version(version), library.version(active), cases, maxChanges));
    }

    private List<DecisionRecord> recorded(Range range) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean byCount = range.last() != null;
        boolean byTime = range.from() != null || range.to() != null;
        if (byCount == byTime) {
            problems.add(new FieldProblem("last", "give either last, or from and to"));
        } else if (byCount && (range.last() < 1 || range.last() > maxApplications)) {
            problems.add(new FieldProblem("last", "must be between 1 and " + maxApplications));
        } else if (byTime && (range.from() == null || range.to() == null)) {
            problems.add(new FieldProblem(range.from() == null ? "from" : "to", "must be given with the other"));
        } else if (byTime && !range.from().isBefore(range.to())) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return byCount ? decisions.latest(range.last())
                : decisions.between(range.from(), range.to(), maxApplications);
    }

    private DecisionFacts facts(DecisionRecord record) {
        try {
            return json.readValue(record.inputsJson(), DecisionFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The decision record of " + record.applicationId() + " is unreadable", e);
        }
    }
}
