package com.swiftlend.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rule set that ships with the application: the seed version every new database starts with,
 * its table and its golden cases as test cases. After the first start it is one version among
 * others, changed only through drafts, approval and publishing.
 */
public record ShippedRuleSet(String version, String dmnXml, List<RuleSetTestCase> testCases) {

  static final String TABLE = "dmn/loan-decision.dmn";
  static final String GOLDEN_CASES = "dmn/loan-decision-golden.csv";

  public static ShippedRuleSet load() {
    String xml = text(TABLE);
    List<RuleSetTestCase> cases;
    try (InputStream csv = resource(GOLDEN_CASES)) {
      cases = RuleSetTestCase.fromGoldenCsv(csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LoanDecisionService service = LoanDecisionService.compile(xml, null, cases);
    return new ShippedRuleSet(service.ruleSetVersion(), xml, cases);
  }

  private static String text(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ShippedRuleSet.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("The shipped rule set lacks " + name);
    }
    return in;
  }
}
