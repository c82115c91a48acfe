package com.swiftlend.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A submitted rule set is compiled and held to its own test cases, every failure reported at once. */
class RuleSetTestCasesTest {

  private static final ShippedRuleSet SHIPPED = ShippedRuleSet.load();

  @Test
  void givenTheShippedRuleSet_itCarriesItsGoldenCasesAndPassesThem() {
    assertThat(SHIPPED.version()).isEqualTo("2.0.0");
    assertThat(SHIPPED.testCases()).hasSizeGreaterThan(20);
    assertThat(LoanDecisionService.compile(SHIPPED.dmnXml(), "x", SHIPPED.testCases()).ruleSetVersion())
        .isEqualTo("x");
  }

  @Test
  void givenAThresholdChangedWithoutItsTestCases_whenCompiled_everyCaseItBreaksIsNamed() {
    // The low-risk band's cap goes from 20000 to 15000: the cases that approved above 15000 break.
    String edited = RuleSetValidationTest.withCellText(SHIPPED.dmnXml(), "rule_low_risk_out_maxAmount", "15000");

    List<RuleSetProblem> problems = catchThrowableOfType(RuleSetInvalidException.class,
        () -> LoanDecisionService.compile(edited, "x", SHIPPED.testCases())).problems();

    assertThat(problems).isNotEmpty().allSatisfy(problem -> {
      assertThat(problem.testCase()).isNotBlank();
      assertThat(problem.message()).contains("approvedAmount 15000, expected 20000");
    });
  }

  @Test
  void givenATestCaseWithAnUnknownOrMistypedInput_itIsAProblemOfThatCase() {
    Map<String, Object> inputs = new HashMap<>(SHIPPED.testCases().get(0).inputs());
    inputs.put("probabilityOfDefalt", 0.02);
    inputs.put("termDays", "thirty");
    RuleSetTestCase broken = new RuleSetTestCase("typo", inputs, SHIPPED.testCases().get(0).expected());

    List<RuleSetProblem> problems = catchThrowableOfType(RuleSetInvalidException.class,
        () -> LoanDecisionService.compile(SHIPPED.dmnXml(), "x", List.of(broken))).problems();

    assertThat(problems).singleElement().satisfies(problem -> {
      assertThat(problem.testCase()).isEqualTo("typo");
      assertThat(problem.message()).contains("unknown input 'probabilityOfDefalt'")
          .contains("input 'termDays' must be a number");
    });
  }

  @Test
  void givenTwoBrokenCells_whenCompiled_bothAreReportedWithRuleAndColumn() {
    String edited = RuleSetValidationTest.withCellText(SHIPPED.dmnXml(), "grade_a_in_probabilityOfDefault", "&lt; 0.05 and");
    String twice = RuleSetValidationTest.withCellText(edited, "grade_b_in_probabilityOfDefault", "[0.05..probabilityOfDefalt[");

    List<RuleSetProblem> problems = catchThrowableOfType(RuleSetInvalidException.class,
        () -> LoanDecisionService.compile(twice, "x", SHIPPED.testCases())).problems();

    assertThat(problems).extracting(RuleSetProblem::rule).contains("grade_a", "grade_b");
    assertThat(problems).allSatisfy(problem -> {
      assertThat(problem.decision()).isEqualTo("riskGrade");
      assertThat(problem.column()).contains("probabilityOfDefault");
      assertThat(problem.columnId()).isEqualTo("riskGrade_input_probabilityOfDefault");
      assertThat(problem.ruleNumber()).isPositive();
    });
  }

  @Test
  void givenADoctypeWithAnExternalEntity_whenCompiled_itIsRefusedBeforeAnyParsing() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + SHIPPED.dmnXml().substring(SHIPPED.dmnXml().indexOf("<definitions")).replace("2.0.0", "&x;");

    List<RuleSetProblem> problems = catchThrowableOfType(RuleSetInvalidException.class,
        () -> LoanDecisionService.compile(xxe, "x", List.of())).problems();

    assertThat(problems).singleElement().extracting(RuleSetProblem::message).asString().contains("DOCTYPE")
        .doesNotContain("root:");
  }

  @Test
  void givenExpectedAmountsByValue_whenCompared_scaleDoesNotMatter() {
    RuleSetTestCase first = SHIPPED.testCases().get(0);
    RuleSetTestCase.Expected expected = first.expected();
    RuleSetTestCase rescaled = new RuleSetTestCase("rescaled", first.inputs(), new RuleSetTestCase.Expected(
        expected.outcome(), expected.reasons(), expected.approvedAmount() == null ? null
            : expected.approvedAmount().setScale(2), expected.annualRate() == null ? null
            : new BigDecimal(expected.annualRate().toPlainString() + "000")));

    assertThat(LoanDecisionService.compile(SHIPPED.dmnXml(), "x", new ArrayList<>(List.of(rescaled)))).isNotNull();
  }

  @Test
  void givenADecision_itNamesEveryMatchedRuleOfEveryTableInEvaluationOrder() {
    LoanDecisionService service = LoanDecisionService.compile(SHIPPED.dmnXml(), "x", List.of());
    Map<String, Object> inputs = new HashMap<>(SHIPPED.testCases().get(0).inputs());
    inputs.put("fraudOutcome", "WARN");
    inputs.put("requestedAmount", 25000);

    RuleDecision decision = service.decide(DecisionFacts.fromInputs(inputs));

    assertThat(decision.matchedRules()).extracting(MatchedRule::rule)
        .containsExactly("segment_new", "rule_fraud_warn", "grade_a", "rule_low_risk", "rule_amount_above_limit");
    assertThat(decision.matchedRules()).extracting(MatchedRule::decision)
        .containsExactly("segment", "knockOuts", "riskGrade", "loanDecision", "loanDecision");
    assertThat(decision.reasons()).containsExactly("FRAUD_REVIEW", "AMOUNT_ABOVE_AUTO_LIMIT");
  }
}
