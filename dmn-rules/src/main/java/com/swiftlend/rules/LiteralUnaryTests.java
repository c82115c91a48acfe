package com.swiftlend.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unary tests business users write most — a string, boolean or number literal, {@code null},
 * a comparison with a number ({@code < 18}), a numeric interval ({@code [0.05..0.15[}), or a list
 * of these — compiled to a Java predicate, so a decision does not pay the FEEL interpreter's
 * variable resolution (≈ 0.7 µs a cell, most of a decision's time) for them. Anything else is
 * left to FEEL: {@link #compile} returns null for it.
 *
 * <p>The answers are FEEL's own for these forms, "no match" included where FEEL answers null (a
 * comparison with null or with a value of another type); {@code LiteralUnaryTestsTest} holds every
 * cell of the shipped rule set and of a pricing grid to that against the FEEL engine.
 */
final class LiteralUnaryTests {

  private static final String NUMBER = "-?\\d+(?:\\.\\d+)?";
  private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");
  private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)\\s*(" + NUMBER + ")");
  private static final Pattern INTERVAL = Pattern.compile("([\\[\\](])\\s*(" + NUMBER + ")\\s*\\.\\.\\s*("
      + NUMBER + ")\\s*([\\[\\])])");
  private static final Pattern LITERAL_NUMBER = Pattern.compile(NUMBER);

  private LiteralUnaryTests() {
  }

  /** A predicate over the input value equivalent to the unary tests, or null when they are not this simple. */
  static Predicate<Object> compile(String unaryTests) {
    List<Predicate<Object>> alternatives = new ArrayList<>();
    for (String item : splitTopLevel(unaryTests)) {
      Predicate<Object> test = single(item.trim());
      if (test == null) {
        return null;
      }
      alternatives.add(test);
    }
    if (alternatives.isEmpty()) {
      return null;
    }
    if (alternatives.size() == 1) {
      return alternatives.get(0);
    }
    return value -> {
      for (Predicate<Object> alternative : alternatives) {
        if (alternative.test(value)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Predicate<Object> single(String item) {
    Matcher matcher;
    if ((matcher = STRING.matcher(item)).matches()) {
      String expected = matcher.group(1);
      return expected::equals;
    }
    if (item.equals("true") || item.equals("false")) {
      Boolean expected = Boolean.valueOf(item);
      return expected::equals;
    }
    if (item.equals("null")) {
      return value -> value == null;
    }
    if (LITERAL_NUMBER.matcher(item).matches()) {
      BigDecimal expected = new BigDecimal(item);
      return value -> {
        BigDecimal number = number(value);
        return number != null && number.compareTo(expected) == 0;
      };
    }
    if ((matcher = COMPARISON.matcher(item)).matches()) {
      BigDecimal bound = new BigDecimal(matcher.group(2));
      String operator = matcher.group(1);
      return value -> {
        BigDecimal number = number(value);
        if (number == null) {
          return false;
        }
        int comparison = number.compareTo(bound);
        return switch (operator) {
          case "<" -> comparison < 0;
          case "<=" -> comparison <= 0;
          case ">" -> comparison > 0;
          default -> comparison >= 0;
        };
      };
    }
    if ((matcher = INTERVAL.matcher(item)).matches()) {
      boolean lowClosed = matcher.group(1).equals("[");
      BigDecimal low = new BigDecimal(matcher.group(2));
      BigDecimal high = new BigDecimal(matcher.group(3));
      boolean highClosed = matcher.group(4).equals("]");
      return value -> {
        BigDecimal number = number(value);
        if (number == null) {
          return false;
        }
        int fromLow = number.compareTo(low);
        int fromHigh = number.compareTo(high);
        return (lowClosed ? fromLow >= 0 : fromLow > 0) && (highClosed ? fromHigh <= 0 : fromHigh < 0);
      };
    }
    return null;
  }

  /**
   * FEEL's number for a Java value: doubles by their decimal representation (as Scala's
   * BigDecimal(Double) does), so 0.05 is exactly 0.05; null for anything that is not a number.
   */
  private static BigDecimal number(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    return null;
  }

  /** Splits on commas outside string literals; brackets never contain commas in the forms handled. */
  private static List<String> splitTopLevel(String text) {
    List<String> items = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        inString = !inString;
      }
      if (c == ',' && !inString) {
        items.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    items.add(current.toString());
    return items;
  }
}
