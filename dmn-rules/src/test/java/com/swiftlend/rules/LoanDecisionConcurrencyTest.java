package com.swiftlend.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** decide() is shared by all workflow activity threads; concurrent calls must not interfere. */
class LoanDecisionConcurrencyTest {

  private static final List<String> STATUSES = List.of("PASS", "WARN", "FAIL", "UNAVAILABLE");

  @Test
  void givenManyThreads_whenDecidingConcurrently_eachGetsTheSingleThreadedResult() throws Exception {
    // A fresh instance, so the FEEL parse cache is being filled while the threads race.
    LoanDecisionService service = LoanDecisionService.fromClasspath("dmn/loan-decision.dmn");
    List<DecisionFacts> facts = variedFacts();
    List<RuleDecision> expected = facts.stream().map(LoanDecisionService.fromClasspath("dmn/loan-decision.dmn")::decide).toList();

    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<RuleDecision>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        Callable<List<RuleDecision>> task = () -> {
          start.await();
          RuleDecision[] decided = new RuleDecision[facts.size()];
          // Each thread walks the cases in a different order so the same cells are hit at the same time.
          for (int i = 0; i < facts.size(); i++) {
            int index = (i + offset * 37) % facts.size();
            decided[index] = service.decide(facts.get(index));
          }
          return Arrays.asList(decided);
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<List<RuleDecision>> result : results) {
        assertThat(result.get()).containsExactlyElementsOf(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<DecisionFacts> variedFacts() {
    List<DecisionFacts> facts = new ArrayList<>();
    for (String status : STATUSES) {
      for (double pd : new double[] {0.01, 0.10, 0.20, 0.40}) {
        for (String amount : new String[] {"1000", "9000", "25000"}) {
          Integer score = "UNAVAILABLE".equals(status) ? null : 680;
          Integer delinquencies = "UNAVAILABLE".equals(status) ? null : ("FAIL".equals(status) ? 4 : 0);
          BigDecimal requested = new BigDecimal(amount);
          facts.add(new DecisionFacts(false, status, score, delinquencies, "PASS", "PASS", "PASS", pd, requested, 30, 30, 0));
          facts.add(new DecisionFacts(false, "PASS", 680, 0, status, "PASS", "PASS", pd, requested, 30, 30, 0));
          facts.add(new DecisionFacts(false, "PASS", 680, 0, "PASS", status, "PASS", pd, requested, 30, 30, 0));
          facts.add(new DecisionFacts(false, "PASS", 680, 0, "PASS", "PASS", status, pd, requested, 30, 30, 0));
          facts.add(new DecisionFacts("FAIL".equals(status), "PASS", 680, 0, "PASS", "PASS", "PASS", pd, requested, 30, 30, 0));
        }
      }
    }
    return facts;
  }
}
