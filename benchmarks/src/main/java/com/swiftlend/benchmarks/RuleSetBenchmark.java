package com.swiftlend.benchmarks;

import com.swiftlend.rules.BackTest;
import com.swiftlend.rules.DecisionFacts;
import com.swiftlend.rules.LoanDecisionService;
import com.swiftlend.rules.RuleDecision;
import com.swiftlend.rules.ShippedRuleSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * What business users wait for when they change the policy: building a submitted version
 * (parse, validate every cell, run its test cases — also what each worker does before it swaps
 * in a published version), a back-test of 10,000 recorded decisions against the active version,
 * and one decision on a generated pricing grid of 1,000 or 3,000 rules (amount band × term band
 * × PD band), the table size users of every DMN engine complain about.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class RuleSetBenchmark {

    @Param({"1000", "3000"})
    public int gridRules;

    private ShippedRuleSet shipped;
    private LoanDecisionService active;
    private LoanDecisionService candidate;
    private LoanDecisionService grid;
    private List<BackTest.Case> recorded;
    private DecisionFacts[] gridFacts;
    private int next;

    @Setup
    public void setUp() {
        shipped = ShippedRuleSet.load();
        active = LoanDecisionService.compile(shipped.dmnXml(), "active", List.of());
        candidate = LoanDecisionService.compile(shipped.dmnXml().replace(">20000<", ">15000<"), "candidate",
                List.of());
        Random random = new Random(20261203);
        recorded = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            recorded.add(new BackTest.Case("app-" + i, facts(random)));
        }
        grid = LoanDecisionService.compile(PricingGrid.dmn(gridRules), "grid", List.of());
        gridFacts = new DecisionFacts[1024];
        for (int i = 0; i < gridFacts.length; i++) {
            gridFacts[i] = facts(random);
        }
    }

    /** Applicants spread as the simulators spread them: mostly clean, some warnings and failures. */
    private static DecisionFacts facts(Random random) {
        String[] outcomes = {"PASS", "PASS", "PASS", "PASS", "PASS", "PASS", "WARN", "FAIL", "UNAVAILABLE"};
        boolean bureau = random.nextInt(20) != 0;
        return new DecisionFacts(random.nextInt(100) == 0, bureau ? outcomes[random.nextInt(7)] : "UNAVAILABLE",
                bureau ? 450 + random.nextInt(400) : null, bureau ? random.nextInt(4) : null,
                outcomes[random.nextInt(outcomes.length)], outcomes[random.nextInt(outcomes.length)],
                outcomes[random.nextInt(outcomes.length)], random.nextDouble() * 0.4,
                BigDecimal.valueOf(500 + random.nextInt(59) * 500L), 7 + random.nextInt(84), 18 + random.nextInt(50),
                random.nextInt(10) < 6 ? 0 : random.nextInt(6));
    }

    @Benchmark
    public LoanDecisionService buildAndTestShippedVersion() {
        return LoanDecisionService.compile(shipped.dmnXml(), "built", shipped.testCases());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public BackTest.Report backTest10000() {
        return BackTest.run(candidate, active, recorded, 500);
    }

    @Benchmark
    public RuleDecision decideOnPricingGrid() {
        return grid.decide(gridFacts[next++ & 1023]);
    }
}
