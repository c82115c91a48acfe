package com.swiftlend.benchmarks;

import com.swiftlend.rules.DecisionFacts;
import com.swiftlend.rules.LoanDecisionService;
import com.swiftlend.rules.RuleDecision;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation of the shipped loan decision table, exactly as the decision activity calls it.
 * SampleTime so the report carries percentiles: the workflow waits on each single decision, so
 * the tail matters more than the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class DecisionRulesBenchmark {

    /**
     * The table has RULE ORDER hit policy, so every rule's input entries are evaluated whatever
     * the facts are; the scenarios still differ in how many rules match and how much combining
     * follows, so the common paths are measured separately.
     */
    @Param({"CLEAN_APPROVE", "FRAUD_REJECT", "BUREAU_UNAVAILABLE"})
    public String scenario;

    private LoanDecisionService service;
    private DecisionFacts facts;

    @Setup
    public void loadTable() {
        service = LoanDecisionService.fromClasspath("dmn/loan-decision.dmn");
        facts = switch (scenario) {
            case "CLEAN_APPROVE" -> new DecisionFacts(false, "PASS", 720, 0, "PASS", "PASS", "PASS",
                    0.04, new BigDecimal("3000"), 30, 35, 0);
            case "FRAUD_REJECT" -> new DecisionFacts(false, "PASS", 690, 1, "FAIL", "WARN", "PASS",
                    0.12, new BigDecimal("3000"), 30, 35, 0);
            case "BUREAU_UNAVAILABLE" -> new DecisionFacts(false, "UNAVAILABLE", null, null, "PASS", "PASS",
                    "PASS", 0.20, new BigDecimal("3000"), 30, 35, 0);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    @Benchmark
    public RuleDecision decide() {
        // Returned, so JMH consumes it and the JIT cannot drop the evaluation.
        return service.decide(facts);
    }
}
