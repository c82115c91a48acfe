package com.swiftlend.rules;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the decision table may look at. The component names are the variable names the
 * table's FEEL expressions use, so renaming a component is a breaking change for published tables.
 *
 * @param bureauOutcome "PASS" | "WARN" | "FAIL" | "UNAVAILABLE"
 * @param creditScore null when the bureau was unavailable or had no record
 * @param delinquencies null when the bureau was unavailable or had no record
 * @param fraudOutcome "PASS" | "WARN" | "FAIL" | "UNAVAILABLE"
 * @param deviceOutcome "PASS" | "WARN" | "FAIL" | "UNAVAILABLE"
 * @param velocityOutcome "PASS" | "WARN" | "FAIL" | "UNAVAILABLE"
 * @param probabilityOfDefault 0..1, from the scoring model
 * @param segment "NEW" | "RETURNING" | "PREMIUM"; the column exists so per-segment strategies can be
 *     added to the table without a code change
 */
public record DecisionFacts(
    boolean blacklisted,
    String bureauOutcome,
    Integer creditScore,
    Integer delinquencies,
    String fraudOutcome,
    String deviceOutcome,
    String velocityOutcome,
    double probabilityOfDefault,
    BigDecimal requestedAmount,
    int termDays,
    String segment) {

  public DecisionFacts {
    // Everything downstream caps or compares against it; a missing amount is a caller bug.
    Objects.requireNonNull(requestedAmount, "requestedAmount");
  }

  /** Derived from the record itself so the validator and the variables can never disagree. */
  static final List<String> VARIABLE_NAMES =
      Arrays.stream(DecisionFacts.class.getRecordComponents()).map(RecordComponent::getName).toList();

  /** A HashMap because bureau fields are legitimately null and the table must see them as null. */
  Map<String, Object> asVariables() {
    Map<String, Object> variables = new HashMap<>(16);
    variables.put("blacklisted", blacklisted);
    variables.put("bureauOutcome", bureauOutcome);
    variables.put("creditScore", creditScore);
    variables.put("delinquencies", delinquencies);
    variables.put("fraudOutcome", fraudOutcome);
    variables.put("deviceOutcome", deviceOutcome);
    variables.put("velocityOutcome", velocityOutcome);
    variables.put("probabilityOfDefault", probabilityOfDefault);
    variables.put("requestedAmount", requestedAmount);
    variables.put("termDays", termDays);
    variables.put("segment", segment);
    return variables;
  }
}
