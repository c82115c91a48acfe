package com.swiftlend.rules;

import java.util.List;

/** A rule set that must not be published; lists every problem found, not just the first. */
public class RuleSetInvalidException extends RuntimeException {

  private final List<String> problems;

  RuleSetInvalidException(List<String> problems) {
    super("Invalid rule set (" + problems.size() + " problem(s)):\n - " + String.join("\n - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
