package com.swiftlend.rules;

/**
 * What the rule set says about an application.
 *
 * <p>Declared in increasing severity (APPROVE &lt; MANUAL_REVIEW &lt; REJECT): when several rules
 * match, the service keeps the most severe outcome, and it compares by declaration order.
 */
public enum RuleOutcome {
  APPROVE,
  MANUAL_REVIEW,
  REJECT;

  boolean isMoreSevereThan(RuleOutcome other) {
    return compareTo(other) > 0;
  }
}
