package com.swiftlend.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.AggregateWith;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.aggregator.ArgumentsAggregator;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * The shipped table against its golden cases. The CSV is the business-readable specification of
 * the policy: a table edit that changes any of these answers must change the CSV with it.
 */
class LoanDecisionGoldenTest {

  static final LoanDecisionService SHIPPED = LoanDecisionService.fromClasspath("dmn/loan-decision.dmn");

  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = "/dmn/loan-decision-golden.csv", numLinesToSkip = 1)
  void givenGoldenCase_whenDeciding_itGivesTheExpectedDecision(
      String name, @AggregateWith(GoldenCaseAggregator.class) GoldenCase golden) {
    RuleDecision decision = SHIPPED.decide(golden.facts());

    assertThat(decision.outcome()).as(name).isEqualTo(golden.outcome());
    assertThat(decision.reasons()).as(name).containsExactlyElementsOf(golden.reasons());
    assertSameAmount(name + " approvedAmount", decision.approvedAmount(), golden.approvedAmount());
    assertSameAmount(name + " annualRate", decision.annualRate(), golden.annualRate());
    assertThat(decision.ruleSetVersion()).isEqualTo("2.0.0");
  }

  /** By value, not scale: 8000 from the table and 8000.00 from a caller are the same amount. */
  static void assertSameAmount(String what, BigDecimal actual, BigDecimal expected) {
    if (expected == null) {
      assertThat(actual).as(what).isNull();
    } else {
      assertThat(actual).as(what).isEqualByComparingTo(expected);
    }
  }

  @Test
  void givenShippedTable_whenLoaded_itReportsTheVersionTag() {
    assertThat(SHIPPED.ruleSetVersion()).isEqualTo("2.0.0");
  }

  record GoldenCase(DecisionFacts facts, RuleOutcome outcome, List<String> reasons, BigDecimal approvedAmount,
      BigDecimal annualRate) {}

  static final class GoldenCaseAggregator implements ArgumentsAggregator {
    @Override
    public GoldenCase aggregateArguments(ArgumentsAccessor row, ParameterContext context) {
      DecisionFacts facts = new DecisionFacts(
          row.getBoolean(1),
          row.getString(2),
          row.get(3, Integer.class),
          row.get(4, Integer.class),
          row.getString(5),
          row.getString(6),
          row.getString(7),
          row.getDouble(8),
          row.get(9, BigDecimal.class),
          row.getInteger(10),
          row.get(11, Integer.class),
          row.getInteger(12));
      return new GoldenCase(
          facts,
          RuleOutcome.valueOf(row.getString(13)),
          Arrays.asList(row.getString(14).split("\\|")),
          row.get(15, BigDecimal.class),
          row.get(16, BigDecimal.class));
    }
  }
}
