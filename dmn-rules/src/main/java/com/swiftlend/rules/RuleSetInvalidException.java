package com.swiftlend.rules;

import java.util.List;

/** A rule set that must not be published; lists every problem found, not just the first. */
public class RuleSetInvalidException extends RuntimeException {

  private final List<RuleSetProblem> problems;

  RuleSetInvalidException(List<RuleSetProblem> problems) {
    super("Invalid rule set (" + problems.size() + " problem(s)):\n - "
        + String.join("\n - ", problems.stream().map(RuleSetProblem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  public List<RuleSetProblem> problems() {
    return problems;
  }
}
