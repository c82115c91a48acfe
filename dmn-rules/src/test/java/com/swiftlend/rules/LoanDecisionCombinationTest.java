package com.swiftlend.rules;

import static com.swiftlend.rules.LoanDecisionGoldenTest.assertSameAmount;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The generic combination of matched rules, on small purpose-built tables, so each property is
 * visible without depending on the shipped policy.
 */
class LoanDecisionCombinationTest {

  @Test
  void givenNoRuleMatches_whenDeciding_itAsksForManualReviewOfTheFullAmount() {
    LoanDecisionService service = LoanDecisionService.fromXml(table(
        rule("> 0.5", "", "REJECT", "HIGH_PD", "", "")), "t1");

    RuleDecision decision = service.decide(facts(0.1, "3000"));

    assertThat(decision.outcome()).isEqualTo(RuleOutcome.MANUAL_REVIEW);
    assertThat(decision.reasons()).containsExactly("NO_RULE_MATCHED");
    assertSameAmount("approvedAmount", decision.approvedAmount(), new BigDecimal("3000"));
    assertThat(decision.annualRate()).isNull();
    assertThat(decision.ruleSetVersion()).isEqualTo("t1");
  }

  @Test
  void givenSeveralApprovals_whenDeciding_itTakesTheSmallestCapTheHighestRateAndEachReasonOnce() {
    LoanDecisionService service = LoanDecisionService.fromXml(table(
        rule("< 0.5", "", "APPROVE", "A", "9000", "0.10"),
        rule("", "", "APPROVE", "B", "4000", "0.15"),
        rule("", "", "APPROVE", "A", "", "0.20")), "t2");

    RuleDecision decision = service.decide(facts(0.1, "6000"));

    assertThat(decision.outcome()).isEqualTo(RuleOutcome.APPROVE);
    assertThat(decision.reasons()).containsExactly("A", "B");
    assertSameAmount("approvedAmount", decision.approvedAmount(), new BigDecimal("4000"));
    assertSameAmount("annualRate", decision.annualRate(), new BigDecimal("0.20"));
  }

  @Test
  void givenAReviewAndACappedApproval_whenDeciding_theApprovalNeitherCapsNorPricesTheReview() {
    LoanDecisionService service = LoanDecisionService.fromXml(table(
        rule("", "", "APPROVE", "CHEAP", "1000", "0.10"),
        rule("", "> 5000", "MANUAL_REVIEW", "BIG", "", "")), "t3");

    RuleDecision decision = service.decide(facts(0.1, "6000"));

    assertThat(decision.outcome()).isEqualTo(RuleOutcome.MANUAL_REVIEW);
    assertThat(decision.reasons()).containsExactly("BIG");
    assertSameAmount("approvedAmount", decision.approvedAmount(), new BigDecimal("6000"));
    assertThat(decision.annualRate()).isNull();
  }

  @Test
  void givenARejection_whenDeciding_itHasNeitherAmountNorRate() {
    LoanDecisionService service = LoanDecisionService.fromXml(table(
        rule("", "", "APPROVE", "OK", "1000", "0.10"),
        rule("", "", "REJECT", "NO", "500", "0.30")), "t4");

    RuleDecision decision = service.decide(facts(0.1, "6000"));

    assertThat(decision.outcome()).isEqualTo(RuleOutcome.REJECT);
    assertThat(decision.reasons()).containsExactly("NO");
    assertThat(decision.approvedAmount()).isNull();
    assertThat(decision.annualRate()).isNull();
  }

  private static DecisionFacts facts(double probabilityOfDefault, String requestedAmount) {
    return new DecisionFacts(false, "PASS", 700, 0, "PASS", "PASS", "PASS", probabilityOfDefault,
        new BigDecimal(requestedAmount), 30, 30, 0);
  }

  private static String rule(String pd, String amount, String outcome, String reason, String maxAmount, String rate) {
    return """
          <rule>
            <inputEntry><text>%s</text></inputEntry>
            <inputEntry><text>%s</text></inputEntry>
            <outputEntry><text>"%s"</text></outputEntry>
            <outputEntry><text>"%s"</text></outputEntry>
            <outputEntry><text>%s</text></outputEntry>
            <outputEntry><text>%s</text></outputEntry>
          </rule>
        """.formatted(pd.replace("<", "&lt;").replace(">", "&gt;"), amount.replace("<", "&lt;").replace(">", "&gt;"),
        outcome, reason, maxAmount, rate);
  }

  /** Camunda insists on ids everywhere; numbering them here keeps the rule rows readable. */
  private static String table(String... rules) {
    Matcher element = Pattern.compile("<(rule|input|output|inputEntry|outputEntry)([ >/])").matcher(tableWithoutIds(rules));
    AtomicInteger ids = new AtomicInteger();
    return element.replaceAll(match -> "<" + match.group(1) + " id=\"e" + ids.incrementAndGet() + "\"" + match.group(2));
  }

  private static String tableWithoutIds(String... rules) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="test" name="test" namespace="test">
          <decision id="loanDecision" name="Loan decision">
            <decisionTable hitPolicy="RULE ORDER">
              <input><inputExpression typeRef="double"><text>probabilityOfDefault</text></inputExpression></input>
              <input><inputExpression typeRef="double"><text>requestedAmount</text></inputExpression></input>
              <output name="outcome" typeRef="string"/>
              <output name="reason" typeRef="string"/>
              <output name="maxAmount" typeRef="double"/>
              <output name="annualRate" typeRef="double"/>
        %s
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(String.join("", rules));
  }
}
