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
 * @param probabilityOfDefault 0..1, from the scoring model; null when the model could not score the
 *     applicant (no bureau history, or an input missing or out of range): no risk grade then
 * @param age whole years at the application date, from the birth date in the ID number; null only
 *     in decisions recorded before the graph read it
 * @param previousLoans the applicant's earlier applications we paid out (our own records, by the ID
 *     number's blind index): what the segment decision reads
 */
public record DecisionFacts(
    boolean blacklisted,
    String bureauOutcome,
    Integer creditScore,
    Integer delinquencies,
    String fraudOutcome,
    String deviceOutcome,
    String velocityOutcome,
    Double probabilityOfDefault,
    BigDecimal requestedAmount,
    int termDays,
    Integer age,
    int previousLoans) {

  public DecisionFacts {
    // Everything downstream caps or compares against it; a missing amount is a caller bug.
    Objects.requireNonNull(requestedAmount, "requestedAmount");
  }

  /** The same facts as another credit model saw them: what a challenger model's shadow decision evaluates. */
  public DecisionFacts withProbabilityOfDefault(Double probability) {
    return new DecisionFacts(blacklisted, bureauOutcome, creditScore, delinquencies, fraudOutcome, deviceOutcome,
        velocityOutcome, probability, requestedAmount, termDays, age, previousLoans);
  }

  /** Derived from the record itself so the validator and the variables can never disagree. */
  static final List<String> VARIABLE_NAMES =
      Arrays.stream(DecisionFacts.class.getRecordComponents()).map(RecordComponent::getName).toList();

  /**
   * Rule set 1.0.0, a single table from before the decision graph, read a {@code segment} the flow
   * always supplied as "NEW". It is still supplied under that name so that version decides, and
   * explains its past decisions, exactly as it did; in a graph the segment decision's own output
   * replaces it before any table reads it.
   */
  static final String LEGACY_SEGMENT = "segment";
  static final List<String> KNOWN_NAMES = java.util.stream.Stream.concat(VARIABLE_NAMES.stream(),
      java.util.stream.Stream.of(LEGACY_SEGMENT)).toList();

  /**
   * The facts a test case names, checked as the engine would need them.
   *
   * @throws IllegalArgumentException naming every unknown, missing or mistyped variable
   */
  static DecisionFacts fromInputs(Map<String, Object> inputs) {
    List<String> problems = new java.util.ArrayList<>();
    for (String name : inputs.keySet()) {
      if (!KNOWN_NAMES.contains(name)) {
        problems.add("unknown input '" + name + "' (known: " + VARIABLE_NAMES + ")");
      }
    }
    Boolean blacklisted = typed(inputs, "blacklisted", Boolean.class, problems);
    Number creditScore = typed(inputs, "creditScore", Number.class, problems);
    Number delinquencies = typed(inputs, "delinquencies", Number.class, problems);
    Number probabilityOfDefault = typed(inputs, "probabilityOfDefault", Number.class, problems);
    Number requestedAmount = typed(inputs, "requestedAmount", Number.class, problems);
    Number termDays = typed(inputs, "termDays", Number.class, problems);
    String bureau = typed(inputs, "bureauOutcome", String.class, problems);
    String fraud = typed(inputs, "fraudOutcome", String.class, problems);
    String device = typed(inputs, "deviceOutcome", String.class, problems);
    String velocity = typed(inputs, "velocityOutcome", String.class, problems);
    Number age = typed(inputs, "age", Number.class, problems);
    Number previousLoans = typed(inputs, "previousLoans", Number.class, problems);
    for (String required : List.of("requestedAmount", "termDays")) {
      if (inputs.get(required) == null) {
        problems.add("input '" + required + "' is required");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new DecisionFacts(Boolean.TRUE.equals(blacklisted), bureau,
        creditScore == null ? null : creditScore.intValue(), delinquencies == null ? null : delinquencies.intValue(),
        fraud, device, velocity, probabilityOfDefault == null ? null : probabilityOfDefault.doubleValue(),
        new BigDecimal(requestedAmount.toString()),
        termDays.intValue(), age == null ? null : age.intValue(),
        previousLoans == null ? 0 : previousLoans.intValue());
  }

  private static <T> T typed(Map<String, Object> inputs, String name, Class<T> type, List<String> problems) {
    Object value = inputs.get(name);
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    problems.add("input '" + name + "' must be a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
        + ", was " + value);
    return null;
  }

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
    variables.put("age", age);
    variables.put("previousLoans", previousLoans);
    variables.put(LEGACY_SEGMENT, "NEW");
    return variables;
  }
}
