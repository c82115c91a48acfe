package com.swiftlend.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;

/** Publishing a table must fail on every defect the Camunda parse lets through. */
class RuleSetValidationTest {

  static final String SHIPPED = readShipped();

  @Test
  void givenShippedTable_whenPublishing_itPassesAndTheGivenVersionWins() {
    LoanDecisionService service = LoanDecisionService.fromXml(SHIPPED, "2025.11-1");

    assertThat(service.ruleSetVersion()).isEqualTo("2025.11-1");
  }

  @Test
  void givenMalformedFeelCell_whenPublishing_itIsRejectedNamingRuleAndColumn() {
    String xml = withCellText(SHIPPED, "rule_fraud_fail_in_fraudOutcome", "\"FAIL");

    assertThat(problemsOf(xml)).singleElement().asString()
        .contains("rule 5 (rule_fraud_fail)", "column 'Fraud outcome (fraudOutcome)'", "malformed FEEL", "\"FAIL");
  }

  @Test
  void givenMalformedFeelCell_whenParsedByTheEngineAlone_itIsAccepted() {
    // Why the validator exists (shared/STACK.md): if a Camunda upgrade starts catching this, fine.
    String xml = withCellText(SHIPPED, "rule_fraud_fail_in_fraudOutcome", "\"FAIL");

    assertThatCode(() -> DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine()
        .parseDecision("loanDecision", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
        .doesNotThrowAnyException();
  }

  @Test
  void givenMisspelledInputVariable_whenPublishing_itIsRejectedNamingTheVariable() {
    String xml = withCellText(SHIPPED, "knockOuts_inputExpression_fraudOutcome", "fraudOutcom");

    assertThat(problemsOf(xml)).singleElement().asString()
        .contains("input column 'Fraud outcome (fraudOutcom)'", "unknown variable 'fraudOutcom'");
  }

  @Test
  void givenUnquotedStringInACell_whenPublishing_itIsRejectedAsAnUnknownVariable() {
    String xml = withCellText(SHIPPED, "rule_fraud_warn_in_fraudOutcome", "WARN");

    assertThat(problemsOf(xml)).singleElement().asString()
        .contains("rule 6 (rule_fraud_warn)", "unknown variable 'WARN'");
  }

  @Test
  void givenUnknownOutcomeValue_whenPublishing_itIsRejected() {
    String xml = withCellText(SHIPPED, "rule_blacklisted_out_outcome", "\"DECLINE\"");

    assertThat(problemsOf(xml)).singleElement().asString()
        .contains("rule 1 (rule_blacklisted), column 'outcome'", "\"DECLINE\"", "must be one of");
  }

  @Test
  void givenEmptyReason_whenPublishing_itIsRejected() {
    String xml = withCellText(SHIPPED, "rule_low_risk_out_reason", "");

    assertThat(problemsOf(xml)).singleElement().asString()
        .contains("rule 4 (rule_low_risk), column 'reason'", "must not be empty");
  }

  @Test
  void givenSeveralDefects_whenPublishing_everyOneIsReported() {
    String xml = withCellText(SHIPPED, "rule_fraud_fail_in_fraudOutcome", "\"FAIL");
    xml = withCellText(xml, "knockOuts_inputExpression_fraudOutcome", "fraudOutcom");
    xml = withCellText(xml, "rule_blacklisted_out_outcome", "\"DECLINE\"");
    xml = withCellText(xml, "grade_d_in_probabilityOfDefault", ">= 0.30 +");

    assertThat(problemsOf(xml)).hasSize(4);
  }

  @Test
  void givenNoVersionAnywhere_whenPublishing_itIsRejected() {
    String xml = SHIPPED.replace(" camunda:versionTag=\"2.0.0\"", "");

    assertThat(problemsOf(xml)).singleElement().asString().contains("no rule-set version");
  }

  @Test
  void givenFirstHitPolicy_whenPublishing_itIsRejected() {
    String xml = SHIPPED.replaceFirst("hitPolicy=\"RULE ORDER\"", "hitPolicy=\"FIRST\"");

    assertThat(problemsFound(xml)).singleElement().satisfies(problem -> {
      assertThat(problem.decision()).isEqualTo("knockOuts");
      assertThat(problem.message()).contains("hit policy must be RULE ORDER");
    });
  }

  @Test
  void givenSomethingThatIsNotDmn_whenPublishing_itIsRejected() {
    assertThat(problemsOf("<definitions/>")).singleElement().asString().contains("not a valid DMN document");
  }

  static java.util.List<String> problemsOf(String xml) {
    return problemsFound(xml).stream().map(RuleSetProblem::toString).toList();
  }

  static java.util.List<RuleSetProblem> problemsFound(String xml) {
    return catchThrowableOfType(RuleSetInvalidException.class, () -> LoanDecisionService.fromXml(xml, null))
        .problems();
  }

  /** Replaces the text of the cell (or input expression) with the given id. */
  static String withCellText(String xml, String id, String text) {
    Matcher cell = Pattern.compile("(id=\"" + Pattern.quote(id) + "\"[^>]*>\\s*<text>)([^<]*)(</text>)").matcher(xml);
    assertThat(cell.find()).as("cell %s exists", id).isTrue();
    String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    return xml.substring(0, cell.start(2)) + escaped + xml.substring(cell.end(2));
  }

  private static String readShipped() {
    try (InputStream in = RuleSetValidationTest.class.getClassLoader().getResourceAsStream("dmn/loan-decision.dmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
