package com.swiftlend.api.ruleset;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.api.ApiProblems.FieldProblem;
import com.swiftlend.api.ApiProblems.InvalidRequestException;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.records.ruleset.RuleSetStatus;
import com.swiftlend.records.ruleset.RuleSetVersion;
import com.swiftlend.records.ruleset.RuleSets;
import com.swiftlend.rules.LoanDecisionService;
import com.swiftlend.rules.RuleSetInvalidException;
import com.swiftlend.rules.RuleSetProblem;
import com.swiftlend.rules.RuleSetTestCase;
import com.swiftlend.rules.ShippedRuleSet;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The credit policy's versions, for rule editors: submit a draft (accepted only when it compiles,
 * every FEEL cell parses and names known inputs, and its test cases pass), have a second editor
 * approve it, publish it (every worker decides with it within seconds), roll back by publishing an
 * earlier one. Every transition is in the hash-chained audit trail with the editor from the token.
 */
@RestController
@RequestMapping("/api/v1/rulesets")
class RuleSetController implements InitializingBean {

    static final URI INVALID_RULE_SET = URI.create("https://swiftlend.dev/problems/invalid-rule-set");
    static final URI UNKNOWN_RULE_SET = URI.create("https://swiftlend.dev/problems/unknown-rule-set");
    static final URI OWN_DRAFT = URI.create("https://swiftlend.dev/problems/own-draft");
    static final URI WRONG_STATUS = URI.create("https://swiftlend.dev/problems/rule-set-status");
    static final URI TOO_LARGE = URI.create("https://swiftlend.dev/problems/rule-set-too-large");
    private static final TypeReference<List<RuleSetTestCase>> TEST_CASES = new TypeReference<>() {
    };
    private static final int MAX_COMMENT = 2000;
    private static final int MAX_TEST_CASES = 10_000;

    /** What a rule editor submits. */
    record Submission(String dmnXml, List<RuleSetTestCase> testCases, String comment) {
    }

    record Detail(@JsonUnwrapped RuleSetVersion version, String dmnXml, List<RuleSetTestCase> testCases) {
    }

    record Created(String version, RuleSetStatus status) {
    }

    private final RuleSets ruleSets;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final int maxDmnBytes;

    RuleSetController(RuleSets ruleSets, AuditTrail audit, TransactionTemplate transactions, ObjectMapper json,
            Clock clock, @Value("${swiftlend.rules.max-dmn-bytes:1048576}") int maxDmnBytes) {
        this.ruleSets = ruleSets;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.maxDmnBytes = maxDmnBytes;
    }

    /** The API may start before any worker: the list must not be empty on a new database. */
    @Override
    public void afterPropertiesSet() throws Exception {
        ShippedRuleSet shipped = ShippedRuleSet.load();
        ruleSets.seed(shipped.version(), new RuleSets.Content(shipped.dmnXml(),
                json.writeValueAsString(shipped.testCases())));
    }

    @Operation(summary = "Every version of the credit policy, newest first, with status, author and approver")
    @GetMapping
    List<RuleSetVersion> list() {
        return ruleSets.list();
    }

    @Operation(summary = "The version new decisions are taken with, with its DMN XML and test cases")
    @GetMapping("/active")
    Detail active() {
        return detail(ruleSets.active().orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, UNKNOWN_RULE_SET,
                "No rule set is active")));
    }

    @Operation(summary = "One version with its DMN XML and test cases")
    @GetMapping("/{version}")
    Detail version(@PathVariable String version) {
        return detail(known(version));
    }

    @Operation(summary = "Submit a draft: 201 only when it compiles, validates and passes its test cases; 422 lists every problem")
    @PostMapping
    ResponseEntity<Created> submit(@RequestBody Submission submission, Authentication editor) {
        String xml = validated(submission);
        List<RuleSetTestCase> testCases = submission.testCases() == null ? List.of() : submission.testCases();
        String version = ruleSets.nextVersion();
        LoanDecisionService.compile(xml, version, testCases);
        String testCasesJson = write(testCases);
        RuleSetVersion drafted = transactions.execute(status -> {
            RuleSetVersion stored = ruleSets.draft(version, new RuleSets.Content(xml, testCasesJson), editor.getName(),
                    submission.comment());
            audit.append(new AuditEvent.RuleSetChanged(version, "DRAFTED", editor.getName(), clock.instant(),
                    digest(xml, testCasesJson), null));
            return stored;
        });
        return ResponseEntity.created(URI.create("/api/v1/rulesets/" + version))
                .body(new Created(drafted.version(), drafted.status()));
    }

    @Operation(summary = "Approve a draft: only a rule editor other than its author may (maker-checker)")
    @PostMapping("/{version}/approve")
    RuleSetVersion approve(@PathVariable String version, Authentication editor) {
        RuleSetVersion draft = known(version);
        if (draft.author().equals(editor.getName())) {
            throw new ApiException(HttpStatus.FORBIDDEN, OWN_DRAFT,
                    "A draft must be approved by a rule editor other than its author.");
        }
        if (draft.status() != RuleSetStatus.DRAFT) {
            throw new ApiException(HttpStatus.CONFLICT, WRONG_STATUS, "Rule set " + version + " is "
                    + draft.status() + "; only a DRAFT can be approved.");
        }
        return transactions.execute(status -> {
            RuleSetVersion approved = ruleSets.approve(version, editor.getName()).orElseThrow(() -> new ApiException(
                    HttpStatus.CONFLICT, WRONG_STATUS, "Rule set " + version + " was changed meanwhile."));
            RuleSets.Content content = ruleSets.content(version).orElseThrow();
            audit.append(new AuditEvent.RuleSetChanged(version, "APPROVED", editor.getName(), clock.instant(),
                    digest(content.dmnXml(), content.testCasesJson()), null));
            return approved;
        });
    }

    @Operation(summary = "Make an approved version active on every worker within seconds; publishing an earlier one rolls back")
    @PostMapping("/{version}/publish")
    RuleSetVersion publish(@PathVariable String version, Authentication editor) {
        RuleSetVersion candidate = known(version);
        if (candidate.status() != RuleSetStatus.APPROVED && candidate.status() != RuleSetStatus.RETIRED
                && candidate.status() != RuleSetStatus.CHALLENGER) {
            throw new ApiException(HttpStatus.CONFLICT, WRONG_STATUS, "Rule set " + version + " is "
                    + candidate.status() + "; only an APPROVED, RETIRED or CHALLENGER version can be published.");
        }
        return transactions.execute(status -> {
            String previous;
            try {
                previous = ruleSets.publish(version).orElse(null);
            } catch (IllegalStateException e) {
                throw new ApiException(HttpStatus.CONFLICT, WRONG_STATUS, e.getMessage());
            }
            RuleSets.Content content = ruleSets.content(version).orElseThrow();
            audit.append(new AuditEvent.RuleSetChanged(version, "PUBLISHED", editor.getName(), clock.instant(),
                    digest(content.dmnXml(), content.testCasesJson()), previous));
            return ruleSets.find(version).orElseThrow();
        });
    }

    @Operation(summary = "Evaluate an approved version in shadow beside the active one, on a share of applications;"
            + " its answers are stored and never acted on")
    @PostMapping("/{version}/challenger")
    RuleSetVersion challenge(@PathVariable String version, Authentication editor) {
        RuleSetVersion candidate = known(version);
        if (candidate.status() != RuleSetStatus.APPROVED && candidate.status() != RuleSetStatus.RETIRED) {
            throw new ApiException(HttpStatus.CONFLICT, WRONG_STATUS, "Rule set " + version + " is "
                    + candidate.status() + "; only an APPROVED or RETIRED version can become the challenger.");
        }
        return transactions.execute(status -> {
            String previous;
            try {
                previous = ruleSets.challenge(version).orElse(null);
            } catch (IllegalStateException e) {
                throw new ApiException(HttpStatus.CONFLICT, WRONG_STATUS, e.getMessage());
            }
            RuleSets.Content content = ruleSets.content(version).orElseThrow();
            audit.append(new AuditEvent.RuleSetChanged(version, "CHALLENGER", editor.getName(), clock.instant(),
                    digest(content.dmnXml(), content.testCasesJson()), previous));
            return ruleSets.find(version).orElseThrow();
        });
    }

    @Operation(summary = "Stop a challenger; the active version is replaced by publishing another, never retired")
    @PostMapping("/{version}/retire")
    RuleSetVersion retire(@PathVariable String version, Authentication editor) {
        RuleSetVersion challenger = known(version);
        if (challenger.status() != RuleSetStatus.CHALLENGER) {
            throw new ApiException(HttpStatus.CONFLICT, WRONG_STATUS, "Rule set " + version + " is "
                    + challenger.status() + "; only the CHALLENGER can be retired (publish another version to"
                    + " replace the active one).");
        }
        return transactions.execute(status -> {
            if (!ruleSets.retireChallenger(version)) {
                throw new ApiException(HttpStatus.CONFLICT, WRONG_STATUS, "Rule set " + version
                        + " was changed meanwhile.");
            }
            RuleSets.Content content = ruleSets.content(version).orElseThrow();
            audit.append(new AuditEvent.RuleSetChanged(version, "RETIRED", editor.getName(), clock.instant(),
                    digest(content.dmnXml(), content.testCasesJson()), null));
            return ruleSets.find(version).orElseThrow();
        });
    }

    @ExceptionHandler(RuleSetInvalidException.class)
    ResponseEntity<ProblemDetail> invalid(RuleSetInvalidException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                e.problems().size() + " problem(s) keep this rule set from being saved.");
        problem.setType(INVALID_RULE_SET);
        problem.setTitle("Invalid rule set");
        List<RuleSetProblem> errors = e.problems();
        problem.setProperty("errors", errors);
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    private String validated(Submission submission) {
        List<FieldProblem> problems = new ArrayList<>();
        if (submission.dmnXml() == null || submission.dmnXml().isBlank()) {
            problems.add(new FieldProblem("dmnXml", "must not be blank"));
        } else if (submission.dmnXml().getBytes(StandardCharsets.UTF_8).length > maxDmnBytes) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, TOO_LARGE, "dmnXml is larger than " + maxDmnBytes
                    + " bytes (swiftlend.rules.max-dmn-bytes).");
        }
        if (submission.comment() != null && submission.comment().length() > MAX_COMMENT) {
            problems.add(new FieldProblem("comment", "size must be at most " + MAX_COMMENT));
        }
        if (submission.testCases() != null) {
            if (submission.testCases().size() > MAX_TEST_CASES) {
                problems.add(new FieldProblem("testCases", "at most " + MAX_TEST_CASES + " test cases"));
            }
            for (int i = 0; i < Math.min(submission.testCases().size(), MAX_TEST_CASES); i++) {
                RuleSetTestCase testCase = submission.testCases().get(i);
                if (testCase == null || testCase.expected() == null || testCase.expected().outcome() == null) {
                    problems.add(new FieldProblem("testCases[" + i + "].expected.outcome", "must not be null"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return submission.dmnXml();
    }

    private RuleSetVersion known(String version) {
        return ruleSets.find(version).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, UNKNOWN_RULE_SET,
                "No rule set version is named " + version));
    }

    private Detail detail(RuleSetVersion version) {
        RuleSets.Content content = ruleSets.content(version.version()).orElseThrow();
        try {
            return new Detail(version, content.dmnXml(), json.readValue(content.testCasesJson(), TEST_CASES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Rule set " + version.version() + " has unreadable test cases", e);
        }
    }

    private String write(List<RuleSetTestCase> testCases) {
        try {
            return json.writeValueAsString(testCases);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String digest(String xml, String testCasesJson) {
        return audit.digest(List.of(xml, testCasesJson));
    }
}
