package com.swiftlend.activities.decision;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.records.ruleset.RuleSets;
import com.swiftlend.rules.LoanDecisionService;
import com.swiftlend.rules.RuleSetTestCase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule set this worker decides with: the version that is active in {@code rule_set}, built
 * once per version. A published version reaches every worker within {@code
 * swiftlend.decision.refresh} without a restart: each decision first asks, at most once per
 * interval, which version is active (one indexed single-row read), and a new one is built fully —
 * parsed, validated, held to its test cases — before one reference is swapped, so no decision is
 * ever evaluated against a half-loaded set. A decision uses the version it obtained when it began
 * and records it.
 */
class ActiveRuleSet {

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleSet.class);
    private static final TypeReference<List<RuleSetTestCase>> TEST_CASES = new TypeReference<>() {
    };

    private final RuleSets ruleSets;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration refresh;
    private final AtomicReference<LoanDecisionService> current = new AtomicReference<>();
    /** Versions are immutable once stored, so a built one serves for good; there are few. */
    private final Map<String, LoanDecisionService> built = new ConcurrentHashMap<>();
    private volatile Instant checkedAt = Instant.MIN;

    ActiveRuleSet(RuleSets ruleSets, ObjectMapper json, Clock clock, Duration refresh) {
        this.ruleSets = ruleSets;
        this.json = json;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** The rules to decide with now. */
    LoanDecisionService current() {
        Instant now = clock.instant();
        LoanDecisionService held = current.get();
        if (held == null || !now.isBefore(checkedAt.plus(refresh))) {
            held = refresh(held, now);
        }
        return held;
    }

    /**
     * The rules of a given version: what a retried decision uses, so that it decides with the
     * version its first attempt began with even if another was published in between.
     */
    LoanDecisionService version(String version) {
        LoanDecisionService held = current.get();
        if (held != null && held.ruleSetVersion().equals(version)) {
            return held;
        }
        return built.computeIfAbsent(version, this::build);
    }

    private synchronized LoanDecisionService refresh(LoanDecisionService held, Instant now) {
        LoanDecisionService latest = current.get();
        if (latest != held && latest != null) {
            return latest; // another thread refreshed meanwhile
        }
        Optional<String> active;
        try {
            active = ruleSets.activeVersion();
        } catch (RuntimeException e) {
            if (held == null) {
                throw e;
            }
            // The rules held are still a published version; deciding with them beats failing.
            log.warn("Could not check the active rule set; deciding with {} meanwhile", held.ruleSetVersion(), e);
            return held;
        }
        checkedAt = now;
        String version = active.orElseThrow(() -> new IllegalStateException("No rule set is active"));
        if (held != null && held.ruleSetVersion().equals(version)) {
            return held;
        }
        LoanDecisionService next = built.computeIfAbsent(version, this::build);
        current.set(next);
        log.info("Deciding with rule set {} (was {})", version, held == null ? "none" : held.ruleSetVersion());
        return next;
    }

    private LoanDecisionService build(String version) {
        RuleSets.Content content = ruleSets.content(version).orElseThrow(
                () -> new IllegalStateException("Rule set " + version + " vanished"));
        try {
            return LoanDecisionService.compile(content.dmnXml(), version, json.readValue(content.testCasesJson(),
                    TEST_CASES));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Rule set " + version + " has unreadable test cases", e);
        }
    }
}
