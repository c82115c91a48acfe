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
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule sets this worker decides with: the version that is active in {@code rule_set} (the
 * champion) and the challenger evaluated in shadow, if any, each built once per version. A
 * published version reaches every worker within {@code swiftlend.decision.refresh} without a
 * restart: each decision first asks, at most once per interval, which versions serve (one indexed
 * read), and a new one is built fully — parsed, validated, held to its test cases — before one
 * reference is swapped, so no decision is ever evaluated against a half-loaded set. A decision
 * uses the versions it obtained when it began and records them.
 */
class ActiveRuleSet {

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleSet.class);
    private static final TypeReference<List<RuleSetTestCase>> TEST_CASES = new TypeReference<>() {
    };

    private final RuleSets ruleSets;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration refresh;
    /** The champion and, when there is one, the challenger, swapped together. */
    record Serving(LoanDecisionService champion, LoanDecisionService challenger) {
    }

    private final AtomicReference<Serving> current = new AtomicReference<>();
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
        return serving().champion();
    }

    /** The champion and the challenger to decide with now. */
    Serving serving() {
        Instant now = clock.instant();
        Serving held = current.get();
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
        Serving held = current.get();
        if (held != null && held.champion().ruleSetVersion().equals(version)) {
            return held.champion();
        }
        return built.computeIfAbsent(version, this::build);
    }

    private synchronized Serving refresh(Serving held, Instant now) {
        Serving latest = current.get();
        if (latest != held && latest != null) {
            return latest; // another thread refreshed meanwhile
        }
        RuleSets.Serving serving;
        try {
            serving = ruleSets.serving();
        } catch (RuntimeException e) {
            if (held == null) {
                throw e;
            }
            // The rules held are still published versions; deciding with them beats failing.
            log.warn("Could not check the active rule set; deciding with {} meanwhile",
                    held.champion().ruleSetVersion(), e);
            return held;
        }
        checkedAt = now;
        if (serving.champion() == null) {
            throw new IllegalStateException("No rule set is active");
        }
        if (held != null && held.champion().ruleSetVersion().equals(serving.champion())
                && Objects.equals(held.challenger() == null ? null : held.challenger().ruleSetVersion(),
                        serving.challenger())) {
            return held;
        }
        Serving next = new Serving(built.computeIfAbsent(serving.champion(), this::build),
                serving.challenger() == null ? null : built.computeIfAbsent(serving.challenger(), this::build));
        current.set(next);
        log.info("Deciding with rule set {} (was {}), challenger {}", serving.champion(),
                held == null ? "none" : held.champion().ruleSetVersion(),
                serving.challenger() == null ? "none" : serving.challenger());
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
