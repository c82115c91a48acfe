package com.swiftlend.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A candidate rule set run against recorded decisions, side by side with the baseline (usually the
 * active version): what each would have approved, referred and rejected, for how much, at what
 * expected loss, per segment; which of the candidate's rules never fired and which fired most; and
 * every application whose outcome or amount would change, with both answers and their reasons.
 *
 * <p>Expected bad rate is the mean probability of default of the approved applications; expected
 * loss is the sum over them of probability of default × approved amount, i.e. a loss given default
 * of 100 % and the whole approved amount at risk: conservative, and the same for both sides, so
 * the difference between them is what a business user compares.
 */
public final class BackTest {

  /** A recorded decision's facts, named by its application. */
  public record Case(String applicationId, DecisionFacts facts) {
  }

  public record Report(int applications, Side candidate, Side baseline, int changed, List<Change> changes,
      long evaluationMicros) {
  }

  /** One rule set's results over the same applications. */
  public record Side(String version, Summary overall, Map<String, Summary> bySegment, Coverage coverage) {
  }

  public record Summary(int applications, int approved, int referred, int rejected, double approvalRate,
      double referralRate, double rejectionRate, BigDecimal totalApprovedAmount, BigDecimal averageApprovedAmount,
      double expectedBadRate, BigDecimal expectedLoss) {
  }

  /** How often each rule fired, most first; the rules that never did, in table order. */
  public record Coverage(List<RuleCount> fired, List<String> neverFired) {
  }

  public record RuleCount(String decision, String rule, int count) {
  }

  public record Change(String applicationId, Answer baseline, Answer candidate) {
  }

  public record Answer(String outcome, List<String> reasons, BigDecimal approvedAmount) {
    static Answer of(RuleDecision decision) {
      return new Answer(decision.outcome().name(), decision.reasons(), decision.approvedAmount());
    }
  }

  private BackTest() {
  }

  /**
   * @param maxChanges how many changed applications to list (all are counted)
   */
  public static Report run(LoanDecisionService candidate, LoanDecisionService baseline, List<Case> cases,
      int maxChanges) {
    long started = System.nanoTime();
    Tally candidateTally = new Tally(candidate);
    Tally baselineTally = new Tally(baseline);
    List<Change> changes = new ArrayList<>();
    int changed = 0;
    for (Case test : cases) {
      RuleDecision proposed = candidate.decide(test.facts());
      RuleDecision current = baseline.decide(test.facts());
      candidateTally.add(test.facts(), proposed);
      baselineTally.add(test.facts(), current);
      if (proposed.outcome() != current.outcome() || !sameAmount(proposed.approvedAmount(), current.approvedAmount())) {
        changed++;
        if (changes.size() < maxChanges) {
          changes.add(new Change(test.applicationId(), Answer.of(current), Answer.of(proposed)));
        }
      }
    }
    long micros = (System.nanoTime() - started) / 1_000;
    return new Report(cases.size(), candidateTally.side(), baselineTally.side(), changed, List.copyOf(changes),
        micros);
  }

  private static boolean sameAmount(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  /** Running counts for one rule set. */
  private static final class Tally {

    private final LoanDecisionService rules;
    private final Counts overall = new Counts();
    private final Map<String, Counts> bySegment = new TreeMap<>();
    private final Map<MatchedRule, Integer> fired = new HashMap<>();

    Tally(LoanDecisionService rules) {
      this.rules = rules;
    }

    void add(DecisionFacts facts, RuleDecision decision) {
      overall.add(facts, decision);
      // Each side's own segment: a candidate may segment differently from the baseline.
      bySegment.computeIfAbsent(decision.segment() == null ? "UNSEGMENTED" : decision.segment(), s -> new Counts())
          .add(facts, decision);
      for (MatchedRule rule : decision.matchedRules()) {
        fired.merge(rule, 1, Integer::sum);
      }
    }

    Side side() {
      Map<String, Summary> segments = new LinkedHashMap<>();
      bySegment.forEach((segment, counts) -> segments.put(segment, counts.summary()));
      List<RuleCount> counts = fired.entrySet().stream()
          .map(entry -> new RuleCount(entry.getKey().decision(), entry.getKey().rule(), entry.getValue()))
          .sorted(Comparator.comparingInt(RuleCount::count).reversed().thenComparing(RuleCount::rule))
          .toList();
      List<String> never = rules.rules().stream().filter(rule -> !fired.containsKey(rule)).map(MatchedRule::rule)
          .toList();
      return new Side(rules.ruleSetVersion(), overall.summary(), segments, new Coverage(counts, never));
    }
  }

  private static final class Counts {

    private int applications;
    private int approved;
    private int referred;
    private int rejected;
    private BigDecimal approvedAmount = BigDecimal.ZERO;
    private double defaultProbabilities;
    private BigDecimal expectedLoss = BigDecimal.ZERO;

    void add(DecisionFacts facts, RuleDecision decision) {
      applications++;
      switch (decision.outcome()) {
        case APPROVE -> {
          approved++;
          BigDecimal amount = decision.approvedAmount() == null ? BigDecimal.ZERO : decision.approvedAmount();
          approvedAmount = approvedAmount.add(amount);
          // An unscored approval (the policy may approve without a probability) counts as certain loss.
          double probability = facts.probabilityOfDefault() == null ? 1 : facts.probabilityOfDefault();
          defaultProbabilities += probability;
          expectedLoss = expectedLoss.add(amount.multiply(BigDecimal.valueOf(probability)));
        }
        case MANUAL_REVIEW -> referred++;
        case REJECT -> rejected++;
      }
    }

    Summary summary() {
      return new Summary(applications, approved, referred, rejected, rate(approved), rate(referred), rate(rejected),
          approvedAmount.setScale(2, RoundingMode.HALF_EVEN),
          approved == 0 ? BigDecimal.ZERO.setScale(2)
              : approvedAmount.divide(BigDecimal.valueOf(approved), 2, RoundingMode.HALF_EVEN),
          approved == 0 ? 0 : round(defaultProbabilities / approved), expectedLoss.setScale(2, RoundingMode.HALF_EVEN));
    }

    private double rate(int count) {
      return applications == 0 ? 0 : round((double) count / applications);
    }

    private static double round(double value) {
      return Math.round(value * 10_000) / 10_000.0;
    }
  }
}
