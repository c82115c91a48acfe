package com.swiftlend.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.xml.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the loan decision table and turns its matched rules into one {@link RuleDecision}.
 *
 * <p>All business policy lives in the table (decision id {@value #DECISION_ID}, hit policy RULE
 * ORDER, outputs {@code outcome}, {@code reason}, {@code maxAmount}, {@code annualRate}) so that
 * business users can change it in dmn-js. This class only knows how to combine matches, and that
 * combination is fixed so a table edit can never change what the outputs mean:
 * <ul>
 *   <li>outcome: the most severe outcome among the matched rules (REJECT &gt; MANUAL_REVIEW &gt;
 *       APPROVE). No match at all means MANUAL_REVIEW with reason {@value #NO_RULE_MATCHED}: a gap
 *       in the table must put a person in the loop, never approve or reject by default.</li>
 *   <li>reasons: the reason codes of the matched rules with that outcome, in rule order, without
 *       duplicates. Milder rules' reasons are dropped because they did not decide.</li>
 *   <li>approvedAmount (APPROVE, MANUAL_REVIEW): the requested amount capped by the smallest
 *       non-empty {@code maxAmount} among those rules; null for REJECT.</li>
 *   <li>annualRate (APPROVE, MANUAL_REVIEW): the largest non-empty {@code annualRate} among those
 *       rules, since the riskiest matching rule must set the price; null when none gives one, and
 *       for REJECT.</li>
 * </ul>
 *
 * <p>The rule-set version is the decision's {@code camunda:versionTag} attribute (the attribute
 * Camunda itself uses for decision versions), unless the caller of {@link #fromXml} supplies one.
 *
 * <p>The engine and the parsed decision are built once per instance; {@link #decide} only evaluates
 * and is safe to call from many threads. Replacing the rules means building a new instance.
 */
public final class LoanDecisionService {

  static final String DECISION_ID = "loanDecision";
  static final String NO_RULE_MATCHED = "NO_RULE_MATCHED";

  private static final Logger log = LoggerFactory.getLogger(LoanDecisionService.class);

  private final DmnEngine engine;
  private final DmnDecision decision;
  private final String version;
  private final List<MatchedRule> rules;

  private LoanDecisionService(DmnEngine engine, DmnDecision decision, String version, List<MatchedRule> rules) {
    this.engine = engine;
    this.decision = decision;
    this.version = version;
    this.rules = List.copyOf(rules);
  }

  /** Every rule of the rule set, in table order: what a coverage report counts against. */
  public List<MatchedRule> rules() {
    return rules;
  }

  /** Loads a table shipped with the application; its version is the decision's versionTag. */
  public static LoanDecisionService fromClasspath(String resource) {
    ClassLoader loader = LoanDecisionService.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No rule set on the classpath at " + resource);
      }
      return fromXml(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read rule set " + resource, e);
    }
  }

  /**
   * Parses and validates a table.
   *
   * @param version the version to report; when null or blank, the decision's
   *     {@code camunda:versionTag} is used, and having neither is a problem
   * @throws RuleSetInvalidException listing every problem found
   */
  public static LoanDecisionService fromXml(String dmnXml, String version) {
    Objects.requireNonNull(dmnXml, "dmnXml");
    List<RuleSetProblem> problems = new ArrayList<>();
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(dmnXml.getBytes(StandardCharsets.UTF_8)));
    } catch (ModelException e) {
      throw new RuleSetInvalidException(List.of(RuleSetProblem.of(null, "not a valid DMN document: " + rootMessage(e))));
    }

    if (!(model.getModelElementById(DECISION_ID) instanceof Decision decisionElement)) {
      throw new RuleSetInvalidException(List.of(RuleSetProblem.of(null, "no decision with id '" + DECISION_ID + "'")));
    }
    if (!(decisionElement.getExpression() instanceof DecisionTable table)) {
      throw new RuleSetInvalidException(List.of(RuleSetProblem.of(DECISION_ID,
          "decision '" + DECISION_ID + "' is not a decision table")));
    }

    String effectiveVersion = version == null || version.isBlank() ? decisionElement.getVersionTag() : version;
    if (effectiveVersion == null || effectiveVersion.isBlank()) {
      problems.add(RuleSetProblem.of(DECISION_ID,
          "no rule-set version: set camunda:versionTag on decision '" + DECISION_ID + "' or pass one"));
    }

    CachingFeelEngine feel = new CachingFeelEngine();
    DmnEngine engine = buildEngine(feel);
    DmnDecision decision = null;
    try {
      decision = engine.parseDecision(DECISION_ID, model);
    } catch (DmnEngineException e) {
      problems.add(RuleSetProblem.of(DECISION_ID, "the Camunda DMN engine rejects the table: " + rootMessage(e)));
    }
    problems.addAll(new RuleSetValidator(feel).validate(model.getDefinitions(), table));

    if (!problems.isEmpty()) {
      throw new RuleSetInvalidException(problems);
    }
    log.info("Loaded loan decision rule set {} ({} rules)", effectiveVersion, table.getRules().size());
    return new LoanDecisionService(engine, decision, effectiveVersion, table.getRules().stream()
        .map(rule -> new MatchedRule(DECISION_ID, rule.getId())).toList());
  }

  /**
   * A rule set as business users submit it: parsed and validated as {@link #fromXml}, then every
   * test case run. Whatever is wrong is reported at once: all problems of the table, or, when the
   * table compiles, every failing test case.
   *
   * @throws RuleSetInvalidException listing every problem found
   */
  public static LoanDecisionService compile(String dmnXml, String version, List<RuleSetTestCase> testCases) {
    Objects.requireNonNull(dmnXml, "dmnXml");
    // DMN never needs a DTD; refusing any makes external entities and entity expansion impossible
    // whatever the XML parser below is configured to do.
    if (dmnXml.toUpperCase(java.util.Locale.ROOT).contains("<!DOCTYPE")) {
      throw new RuleSetInvalidException(List.of(RuleSetProblem.of(null,
          "a DOCTYPE declaration is not allowed in a rule set (no DTDs, no entities)")));
    }
    LoanDecisionService service = fromXml(dmnXml, version);
    List<RuleSetProblem> failures = new ArrayList<>();
    for (RuleSetTestCase testCase : testCases) {
      String failure = service.failureOf(testCase);
      if (failure != null) {
        failures.add(new RuleSetProblem(DECISION_ID, null, null, null, null, testCase.name(), failure));
      }
    }
    if (!failures.isEmpty()) {
      throw new RuleSetInvalidException(failures);
    }
    return service;
  }

  /** Why a test case fails against these rules, or null when it passes. */
  private String failureOf(RuleSetTestCase testCase) {
    RuleDecision actual;
    try {
      actual = decide(DecisionFacts.fromInputs(testCase.inputs()));
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    } catch (DmnEngineException e) {
      return "the rules fail to evaluate it: " + rootMessage(e);
    }
    RuleSetTestCase.Expected expected = testCase.expected();
    if (expected == null || expected.outcome() == null) {
      return "expects no outcome: every test case names one";
    }
    List<String> differences = new ArrayList<>();
    if (!expected.outcome().equals(actual.outcome().name())) {
      differences.add("outcome " + actual.outcome() + ", expected " + expected.outcome());
    }
    if (expected.reasons() != null && !expected.reasons().equals(actual.reasons())) {
      differences.add("reasons " + actual.reasons() + ", expected " + expected.reasons());
    }
    if (!sameAmount(expected.approvedAmount(), actual.approvedAmount())) {
      differences.add("approvedAmount " + plain(actual.approvedAmount()) + ", expected "
          + plain(expected.approvedAmount()));
    }
    if (!sameAmount(expected.annualRate(), actual.annualRate())) {
      differences.add("annualRate " + plain(actual.annualRate()) + ", expected " + plain(expected.annualRate()));
    }
    return differences.isEmpty() ? null : "decided " + String.join(", ", differences);
  }

  private static boolean sameAmount(BigDecimal expected, BigDecimal actual) {
    return expected == null ? actual == null : actual != null && expected.compareTo(actual) == 0;
  }

  private static String plain(BigDecimal amount) {
    return amount == null ? "none" : amount.stripTrailingZeros().toPlainString();
  }

  public RuleDecision decide(DecisionFacts facts) {
    List<Map<String, Object>> matches;
    List<MatchedRule> matched;
    try {
      matches = engine.evaluateDecisionTable(decision, facts.asVariables()).getResultList();
      matched = MATCHED.get();
    } finally {
      MATCHED.remove();
    }
    return combine(matches, facts.requestedAmount(), matched == null ? List.of() : matched);
  }

  public String ruleSetVersion() {
    return version;
  }

  /**
   * The rules the engine matched in the evaluation running on this thread. The engine reports them
   * only to listeners, synchronously on the evaluating thread, so a thread-local carries them from
   * the listener to {@link #decide} without any sharing between threads.
   */
  private static final ThreadLocal<List<MatchedRule>> MATCHED = new ThreadLocal<>();

  private static final DmnDecisionTableEvaluationListener RECORD_MATCHES = event -> MATCHED.set(
      event.getMatchingRules().stream()
          .map(rule -> new MatchedRule(event.getDecision().getKey(), rule.getId()))
          .toList());

  private static DmnEngine buildEngine(CachingFeelEngine feel) {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(RECORD_MATCHES));
    // One FEEL engine per rule set, so its parse cache never outlives the table it belongs to.
    configuration.setFeelEngineFactory(() -> feel);
    return configuration.buildEngine();
  }

  private RuleDecision combine(List<Map<String, Object>> matches, BigDecimal requestedAmount,
      List<MatchedRule> matched) {
    RuleOutcome outcome = null;
    for (Map<String, Object> match : matches) {
      RuleOutcome candidate = outcomeOf(match);
      if (outcome == null || candidate.isMoreSevereThan(outcome)) {
        outcome = candidate;
      }
    }
    if (outcome == null) {
      return new RuleDecision(RuleOutcome.MANUAL_REVIEW, List.of(NO_RULE_MATCHED), requestedAmount, null, version, matched);
    }

    Set<String> reasons = new LinkedHashSet<>();
    BigDecimal cap = null;
    BigDecimal rate = null;
    for (Map<String, Object> match : matches) {
      if (outcomeOf(match) != outcome) {
        continue;
      }
      reasons.add(String.valueOf(match.get(RuleSetValidator.REASON)));
      BigDecimal maxAmount = decimal(match.get(RuleSetValidator.MAX_AMOUNT));
      if (maxAmount != null && (cap == null || maxAmount.compareTo(cap) < 0)) {
        cap = maxAmount;
      }
      BigDecimal annualRate = decimal(match.get(RuleSetValidator.ANNUAL_RATE));
      if (annualRate != null && (rate == null || annualRate.compareTo(rate) > 0)) {
        rate = annualRate;
      }
    }
    if (outcome == RuleOutcome.REJECT) {
      return new RuleDecision(outcome, List.copyOf(reasons), null, null, version, matched);
    }
    BigDecimal approved = cap == null || requestedAmount.compareTo(cap) <= 0 ? requestedAmount : cap;
    return new RuleDecision(outcome, List.copyOf(reasons), approved, rate, version, matched);
  }

  private static RuleOutcome outcomeOf(Map<String, Object> match) {
    return RuleOutcome.valueOf(String.valueOf(match.get(RuleSetValidator.OUTCOME)));
  }

  /**
   * Table numbers arrive as Double (typeRef double) or Long (FEEL integers); going through
   * {@link BigDecimal#valueOf(double)} keeps 0.18 as 0.18, and stripping zeros turns 8000.0 into 8000.
   */
  private static BigDecimal decimal(Object value) {
    BigDecimal decimal;
    if (value == null) {
      return null;
    } else if (value instanceof BigDecimal exact) {
      decimal = exact;
    } else if (value instanceof Double || value instanceof Float) {
      decimal = BigDecimal.valueOf(((Number) value).doubleValue());
    } else if (value instanceof Number number) {
      decimal = BigDecimal.valueOf(number.longValue());
    } else {
      decimal = new BigDecimal(value.toString());
    }
    decimal = decimal.stripTrailingZeros();
    return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(e.getMessage());
    return root == e || message.contains(String.valueOf(root.getMessage())) ? message : message + " (" + root.getMessage() + ")";
  }
}
