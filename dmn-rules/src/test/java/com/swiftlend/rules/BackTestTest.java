package com.swiftlend.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A candidate against the shipped rules over the shipped golden cases, counted by hand. */
class BackTestTest {

  private static final ShippedRuleSet SHIPPED = ShippedRuleSet.load();
  private static final LoanDecisionService BASELINE = LoanDecisionService.compile(SHIPPED.dmnXml(), "shipped",
      List.of());

  private static List<BackTest.Case> cases() {
    List<BackTest.Case> cases = new ArrayList<>();
    for (RuleSetTestCase testCase : SHIPPED.testCases()) {
      cases.add(new BackTest.Case(testCase.name(), DecisionFacts.fromInputs(testCase.inputs())));
    }
    return cases;
  }

  @Test
  void givenTheSameRules_whenBackTested_nothingChangesAndBothSidesAgree() {
    BackTest.Report report = BackTest.run(BASELINE, BASELINE, cases(), 100);

    assertThat(report.changed()).isZero();
    assertThat(report.candidate().overall()).isEqualTo(report.baseline().overall());
    assertThat(report.applications()).isEqualTo(SHIPPED.testCases().size());
    long approved = SHIPPED.testCases().stream().filter(c -> c.expected().outcome().equals("APPROVE")).count();
    assertThat(report.candidate().overall().approved()).isEqualTo((int) approved);
  }

  @Test
  void givenALowerLowRiskCap_whenBackTested_exactlyTheLowRiskApprovalsAboveItChangeAndLossFalls() {
    String lowered = RuleSetValidationTest.withCellText(SHIPPED.dmnXml(), "rule_low_risk_out_maxAmount", "3000");
    LoanDecisionService candidate = LoanDecisionService.compile(lowered, "lowered", List.of());

    BackTest.Report report = BackTest.run(candidate, BASELINE, cases(), 100);

    List<String> expected = SHIPPED.testCases().stream()
        .filter(c -> c.expected().outcome().equals("APPROVE") && c.expected().reasons().equals(List.of("LOW_RISK"))
            && c.expected().approvedAmount().compareTo(new java.math.BigDecimal("3000")) > 0)
        .map(RuleSetTestCase::name).toList();
    assertThat(expected).isNotEmpty();
    assertThat(report.changes()).extracting(BackTest.Change::applicationId).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(report.changes()).allSatisfy(change -> {
      assertThat(change.candidate().approvedAmount()).isEqualByComparingTo("3000");
      assertThat(change.baseline().outcome()).isEqualTo(change.candidate().outcome());
    });
    assertThat(report.candidate().overall().totalApprovedAmount())
        .isLessThan(report.baseline().overall().totalApprovedAmount());
    assertThat(report.candidate().overall().expectedLoss()).isLessThan(report.baseline().overall().expectedLoss());
    assertThat(report.candidate().bySegment()).containsKeys("NEW", "RETURNING", "PREMIUM");
  }

  @Test
  void givenCasesThatNeverReachARule_itIsListedAsNeverFiredAndTheMostFiredComeFirst() {
    List<BackTest.Case> cleanOnly = new ArrayList<>();
    Map<String, Object> inputs = new HashMap<>(SHIPPED.testCases().get(0).inputs());
    for (int i = 0; i < 5; i++) {
      cleanOnly.add(new BackTest.Case("clean-" + i, DecisionFacts.fromInputs(inputs)));
    }

    BackTest.Coverage coverage = BackTest.run(BASELINE, BASELINE, cleanOnly, 10).candidate().coverage();

    // One rule per table on the path: the segment, the grade and the offer; no knock-out.
    assertThat(coverage.fired()).extracting(BackTest.RuleCount::rule)
        .containsExactlyInAnyOrder("segment_new", "grade_a", "rule_low_risk");
    assertThat(coverage.fired()).allSatisfy(rule -> assertThat(rule.count()).isEqualTo(5));
    assertThat(coverage.neverFired()).contains("rule_blacklisted", "rule_fraud_fail", "segment_premium")
        .doesNotContain("rule_low_risk").hasSize(BASELINE.rules().size() - 3);
  }
}
