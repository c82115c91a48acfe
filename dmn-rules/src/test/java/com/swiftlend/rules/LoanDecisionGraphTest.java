package com.swiftlend.rules;

import static com.swiftlend.rules.RuleSetValidationTest.problemsFound;
import static com.swiftlend.rules.RuleSetValidationTest.withCellText;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped decision graph (segment, knock-outs, risk grade, offer) and what the validator demands of a graph. */
class LoanDecisionGraphTest {

  private static final ShippedRuleSet SHIPPED = ShippedRuleSet.load();
  private static final LoanDecisionService GRAPH = LoanDecisionService.compile(SHIPPED.dmnXml(), null, List.of());

  /** A clean applicant: bureau record fine, every check passed, low probability of default. */
  private static Map<String, Object> clean() {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("blacklisted", false);
    inputs.put("bureauOutcome", "PASS");
    inputs.put("creditScore", 720);
    inputs.put("delinquencies", 0);
    inputs.put("fraudOutcome", "PASS");
    inputs.put("deviceOutcome", "PASS");
    inputs.put("velocityOutcome", "PASS");
    inputs.put("probabilityOfDefault", 0.02);
    inputs.put("requestedAmount", 5000);
    inputs.put("termDays", 30);
    inputs.put("age", 35);
    inputs.put("previousLoans", 0);
    return inputs;
  }

  private static RuleDecision decide(Map<String, Object> inputs) {
    return GRAPH.decide(DecisionFacts.fromInputs(inputs));
  }

  @Test
  void givenAPremiumReturningCustomer_whenDeciding_theyGetAnInstantOfferAboveTheNewCustomerLimit() {
    Map<String, Object> inputs = clean();
    inputs.put("previousLoans", 5);
    inputs.put("requestedAmount", 45000);

    RuleDecision decision = decide(inputs);

    assertThat(decision.outcome()).isEqualTo(RuleOutcome.APPROVE);
    assertThat(decision.approvedAmount()).isEqualByComparingTo("45000");
    assertThat(decision.annualRate()).isEqualByComparingTo("0.09");
    assertThat(decision.reasons()).containsExactly("PREMIUM_OFFER");
    assertThat(decision.conclusions()).containsEntry("segment", "PREMIUM").containsEntry("riskGrade", "A");
    assertThat(decision.reasonTexts().get("PREMIUM_OFFER")).contains("Premium customer");
    assertThat(decision.matchedRules()).contains(new MatchedRule("segment", "segment_premium"),
        new MatchedRule("riskGrade", "grade_a"), new MatchedRule("loanDecision", "rule_premium_low_risk"));
  }

  @Test
  void givenTheSameApplicantAsANewCustomer_theNewCustomerLimitReferesTheSameAmount() {
    Map<String, Object> inputs = clean();
    inputs.put("requestedAmount", 45000);

    RuleDecision decision = decide(inputs);

    assertThat(decision.outcome()).isEqualTo(RuleOutcome.MANUAL_REVIEW);
    assertThat(decision.reasons()).containsExactly("AMOUNT_ABOVE_AUTO_LIMIT");
    assertThat(decision.segment()).isEqualTo("NEW");
  }

  @Test
  void givenANewCustomerWithAThinFileAndTheBureauUnavailable_theyAreReferredWithACappedAmount() {
    Map<String, Object> inputs = clean();
    inputs.put("bureauOutcome", "UNAVAILABLE");
    inputs.put("creditScore", null);
    inputs.put("delinquencies", null);
    inputs.put("requestedAmount", 9000);

    RuleDecision decision = decide(inputs);

    assertThat(decision.outcome()).isEqualTo(RuleOutcome.MANUAL_REVIEW);
    assertThat(decision.reasons()).containsExactly("BUREAU_UNAVAILABLE");
    assertThat(decision.approvedAmount()).isEqualByComparingTo("5000");
    assertThat(decision.reasonTexts().get("BUREAU_UNAVAILABLE")).contains("credit bureau could not be reached");
  }

  @Test
  void givenAPremiumCustomerWithTheBureauUnavailable_theTablesGiveACappedInstantOfferInstead() {
    Map<String, Object> inputs = clean();
    inputs.put("bureauOutcome", "UNAVAILABLE");
    inputs.put("creditScore", null);
    inputs.put("delinquencies", null);
    inputs.put("previousLoans", 3);
    inputs.put("requestedAmount", 30000);

    RuleDecision decision = decide(inputs);

    assertThat(decision.outcome()).isEqualTo(RuleOutcome.APPROVE);
    assertThat(decision.approvedAmount()).isEqualByComparingTo("10000");
    assertThat(decision.reasons()).containsExactly("BUREAU_UNAVAILABLE_CAPPED", "PREMIUM_OFFER");
  }

  @ParameterizedTest(name = "{0} = {1} knocks out with {2}")
  @CsvSource({
      "blacklisted, true, BLACKLISTED, rule_blacklisted",
      "age, 17, UNDER_AGE, rule_under_age",
      "age, 66, ABOVE_AGE_LIMIT, rule_over_age",
      "fraudOutcome, FAIL, FRAUD_SUSPECTED, rule_fraud_fail",
      "velocityOutcome, FAIL, VELOCITY_EXCEEDED, rule_velocity_fail",
      "deviceOutcome, FAIL, DEVICE_BLOCKED, rule_device_fail",
      "bureauOutcome, FAIL, BUREAU_ADVERSE, rule_bureau_fail",
      "delinquencies, 3, DELINQUENCIES, rule_delinquencies"})
  void givenAPremiumCustomerOtherwise_eachKnockOutStillRejectsWithItsCode(String fact, String value, String code,
      String rule) {
    Map<String, Object> inputs = clean();
    inputs.put("previousLoans", 4);
    inputs.put(fact, switch (fact) {
      case "blacklisted" -> Boolean.parseBoolean(value);
      case "age", "delinquencies" -> Integer.parseInt(value);
      default -> value;
    });

    RuleDecision decision = decide(inputs);

    assertThat(decision.outcome()).isEqualTo(RuleOutcome.REJECT);
    assertThat(decision.reasons()).containsExactly(code);
    assertThat(decision.approvedAmount()).isNull();
    assertThat(decision.matchedRules()).contains(new MatchedRule("knockOuts", rule));
    assertThat(decision.reasonTexts().get(code)).isNotBlank().isNotEqualTo(code);
  }

  @Test
  void everyReasonTheShippedPolicyCanGiveHasAHumanReadableText() {
    for (RuleSetTestCase testCase : SHIPPED.testCases()) {
      RuleDecision decision = decide(new HashMap<>(testCase.inputs()));
      assertThat(decision.reasonTexts().keySet()).as(testCase.name()).containsExactlyElementsOf(decision.reasons());
      assertThat(decision.reasonTexts()).as(testCase.name()).allSatisfy((code, text) ->
          assertThat(text).isNotEqualTo(code).endsWith("."));
    }
  }

  @Test
  void givenTwoRulesOfAUniqueTableThatCanMatchTogether_theOverlapIsAProblemWithAnExample() {
    // Grade B for a weak bureau score below 650 now overlaps grade A (600 and above) on 600..650.
    String xml = withCellText(SHIPPED.dmnXml(), "grade_b_weak_bureau_in_creditScore", "< 650");

    assertThat(problemsFound(xml)).singleElement().satisfies(problem -> {
      assertThat(problem.decision()).isEqualTo("riskGrade");
      assertThat(problem.rule()).isEqualTo("grade_b_weak_bureau");
      assertThat(problem.message()).contains("overlaps rule 1 (grade_a)", "UNIQUE");
    });
  }

  @Test
  void givenAUniqueTableWhoseRulesTouchButDoNotOverlap_itIsAccepted() {
    // [1..3[ and >= 3 meet at 3 without sharing it; 0.5 and "< 1" neither.
    assertThat(LoanDecisionService.fromXml(SHIPPED.dmnXml(), "x").rules()).isNotEmpty();
    String xml = withCellText(SHIPPED.dmnXml(), "segment_returning_in_previousLoans", "[1..3]");

    assertThat(problemsFound(xml)).singleElement().satisfies(problem ->
        assertThat(problem.message()).contains("overlaps rule 2 (segment_returning)", "[3.0]"));
  }

  @Test
  void givenADecisionNothingRequires_itIsAProblem() {
    String orphan = """
          <decision id="orphan" name="Orphan">
            <decisionTable id="orphanTable" hitPolicy="UNIQUE">
              <input id="orphanIn"><inputExpression id="orphanInExpr" typeRef="integer"><text>age</text></inputExpression></input>
              <output id="orphanOut" name="ageBand" typeRef="string" />
            </decisionTable>
          </decision>
          <dmndi:DMNDI>""";
    String xml = SHIPPED.dmnXml().replace("  <dmndi:DMNDI>", orphan);

    assertThat(problemsFound(xml)).singleElement().satisfies(problem -> {
      assertThat(problem.decision()).isEqualTo("orphan");
      assertThat(problem.message()).contains("not required by 'loanDecision'");
    });
  }

  @Test
  void givenARequirementCycle_itIsAProblemNotAStackOverflow() {
    String segmentTable = "<decisionTable id=\"segmentTable\"";
    String xml = SHIPPED.dmnXml().replace(segmentTable,
        "<informationRequirement id=\"cycle\"><requiredDecision href=\"#loanDecision\" /></informationRequirement>"
            + segmentTable);

    assertThat(problemsFound(xml)).anySatisfy(problem -> assertThat(problem.message()).contains("cycles"));
  }

  @Test
  void givenAClassifyingTableThatCollects_orAVerdictOutputOfTheWrongType_bothAreReported() {
    String xml = SHIPPED.dmnXml()
        .replace("<decisionTable id=\"segmentTable\" hitPolicy=\"UNIQUE\">",
            "<decisionTable id=\"segmentTable\" hitPolicy=\"COLLECT\">")
        .replace("name=\"maxAmount\" typeRef=\"double\"", "name=\"maxAmount\" typeRef=\"string\"");

    assertThat(problemsFound(xml)).extracting(RuleSetProblem::message).anySatisfy(message ->
        assertThat(message).contains("hit policy must be UNIQUE, FIRST, ANY or PRIORITY")).anySatisfy(message ->
        assertThat(message).contains("'maxAmount' must be of type", "was string"));
  }

  @Test
  void givenATableReadingAnOutputOfADecisionItDoesNotRequire_theNameIsUnknown() {
    // The knock-out table does not require the risk grade, so it cannot rely on it having been evaluated.
    String xml = withCellText(SHIPPED.dmnXml(), "rule_blacklisted_in_age", "< 18");
    xml = xml.replace("<text>age</text>", "<text>riskGrade</text>");

    assertThat(problemsFound(xml)).anySatisfy(problem -> {
      assertThat(problem.decision()).isEqualTo("knockOuts");
      assertThat(problem.message()).contains("unknown variable 'riskGrade'");
    });
  }

  @Test
  void givenTheFlatTableOfVersion100_itStillDecidesItsPastDecisionsAsItDid() throws IOException {
    String legacy;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("dmn/loan-decision-1.0.0.dmn")) {
      legacy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    LoanDecisionService old = LoanDecisionService.fromXml(legacy, null);
    Map<String, Object> inputs = clean();
    inputs.put("previousLoans", 5); // 1.0.0 knew nothing of segments: a new customer's limit applies
    inputs.put("requestedAmount", 25000);

    RuleDecision decision = old.decide(DecisionFacts.fromInputs(inputs));

    assertThat(old.ruleSetVersion()).isEqualTo("1.0.0");
    assertThat(decision.outcome()).isEqualTo(RuleOutcome.MANUAL_REVIEW);
    assertThat(decision.reasons()).containsExactly("AMOUNT_ABOVE_AUTO_LIMIT");
    assertThat(decision.approvedAmount()).isEqualByComparingTo(new BigDecimal("25000"));
    assertThat(decision.segment()).isNull();
  }
}
