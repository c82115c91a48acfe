package com.swiftlend.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule set's own specification: given these inputs, the rules must decide this. A draft is
 * accepted only when every one of its test cases passes, so a business user's edit cannot change
 * an answer nobody meant to change without the test case changing with it.
 *
 * @param inputs the decision's variables by name ({@link DecisionFacts}); a missing one is null
 * @param expected what the rule set must answer
 */
public record RuleSetTestCase(String name, Map<String, Object> inputs, Expected expected) {

  /**
   * @param reasons the exact reasons in order, or null to leave them unchecked
   * @param approvedAmount null when the decision must approve no amount (REJECT)
   * @param annualRate null when the decision must set no rate
   */
  public record Expected(String outcome, List<String> reasons, BigDecimal approvedAmount, BigDecimal annualRate) {
  }

  public RuleSetTestCase {
    Objects.requireNonNull(name, "name");
    inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  /**
   * The golden cases of the shipped rule set, as business users keep them: a CSV with one column
   * per input, then {@code outcome}, {@code reasons} ('|'-separated), {@code approvedAmount},
   * {@code annualRate}; an empty cell is null, a line starting with '#' a comment.
   */
  public static List<RuleSetTestCase> fromGoldenCsv(InputStream csv) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
      String[] header = reader.readLine().split(",", -1);
      List<RuleSetTestCase> cases = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",", -1);
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (int i = 1; i < header.length - 4; i++) {
          inputs.put(header[i], typed(header[i], cells[i]));
        }
        int at = header.length - 4;
        cases.add(new RuleSetTestCase(cells[0], inputs, new Expected(cells[at],
            Arrays.asList(cells[at + 1].split("\\|")), decimal(cells[at + 2]), decimal(cells[at + 3]))));
      }
      return List.copyOf(cases);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read golden cases", e);
    }
  }

  private static Object typed(String variable, String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    return switch (variable) {
      case "blacklisted" -> Boolean.parseBoolean(cell);
      case "creditScore", "delinquencies", "termDays", "age", "previousLoans" -> Integer.parseInt(cell);
      case "probabilityOfDefault" -> Double.parseDouble(cell);
      case "requestedAmount" -> new BigDecimal(cell);
      default -> cell;
    };
  }

  private static BigDecimal decimal(String cell) {
    return cell.isEmpty() ? null : new BigDecimal(cell);
  }
}
