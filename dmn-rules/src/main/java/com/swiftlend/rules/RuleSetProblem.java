package com.swiftlend.rules;

/**
 * One thing wrong with a rule set, located so an editor can show it next to the cell it concerns.
 *
 * @param decision the decision's id, or null for the document as a whole
 * @param ruleNumber the rule's 1-based row in its table, or null when no rule is concerned
 * @param rule the rule's id, or null
 * @param column the column's label (and expression, when they differ), or null
 * @param columnId the column's element id (input or output), which editors key cells by, or null
 * @param testCase the test case's name when a test case failed, or null
 */
public record RuleSetProblem(String decision, Integer ruleNumber, String rule, String column, String columnId,
    String testCase, String message) {

  static RuleSetProblem of(String decision, String message) {
    return new RuleSetProblem(decision, null, null, null, null, null, message);
  }

  /** As a person reads it: "rule 3 (rule_id), column 'Score': message". */
  @Override
  public String toString() {
    StringBuilder where = new StringBuilder();
    if (testCase != null) {
      where.append("test case '").append(testCase).append("'");
    }
    if (ruleNumber != null) {
      where.append(where.isEmpty() ? "" : ", ").append("rule ").append(ruleNumber)
          .append(rule == null ? "" : " (" + rule + ")");
    }
    if (column != null) {
      where.append(where.isEmpty() ? "" : ", ").append(ruleNumber == null ? "input column '" : "column '")
          .append(column).append("'");
    }
    return where.isEmpty() ? message : where + ": " + message;
  }
}
