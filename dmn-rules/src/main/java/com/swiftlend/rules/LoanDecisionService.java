package com.swiftlend.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the loan decision graph and turns what its tables matched into one {@link RuleDecision}.
 *
 * <p>All business policy lives in the DMN decision requirements graph whose top decision is
 * {@value #DECISION_ID}: classifying tables (the customer segment, the risk grade) feed the
 * tables that decide (knock-out rules, the offer per segment and grade), and the engine evaluates
 * the whole graph in one call. Business users change it in dmn-js. This class only knows how to
 * combine the deciding tables' matches, and that combination is fixed so an edit can never change
 * what the outputs mean. Every table with an {@code outcome} output (hit policy RULE ORDER, outputs
 * {@code outcome}, {@code reason} and optionally {@code maxAmount}, {@code annualRate}) contributes
 * all its matched rules, in evaluation order (required decisions first):
 * <ul>
 *   <li>outcome: the most severe outcome among the matched rules (REJECT &gt; MANUAL_REVIEW &gt;
 *       APPROVE). No match at all means MANUAL_REVIEW with reason {@value #NO_RULE_MATCHED}: a gap
 *       in the tables must put a person in the loop, never approve or reject by default.</li>
 *   <li>reasons: the reason codes of the matched rules with that outcome, in order, without
 *       duplicates. Milder rules' reasons are dropped because they did not decide. The text of a
 *       reason is the annotation (description) of the first rule that gave it.</li>
 *   <li>approvedAmount (APPROVE, MANUAL_REVIEW): the requested amount capped by the smallest
 *       non-empty {@code maxAmount} among those rules; null for REJECT.</li>
 *   <li>annualRate (APPROVE, MANUAL_REVIEW): the largest non-empty {@code annualRate} among those
 *       rules, since the riskiest matching rule must set the price; null when none gives one, and
 *       for REJECT.</li>
 * </ul>
 * What the classifying tables concluded is kept by output name ({@link RuleDecision#conclusions}).
 *
 * <p>The rule-set version is the top decision's {@code camunda:versionTag} attribute (the attribute
 * Camunda itself uses for decision versions), unless the caller of {@link #fromXml} supplies one.
 *
 * <p>The engine and the parsed graph are built once per instance; {@link #decide} only evaluates
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
  private final Map<MatchedRule, String> ruleTexts;
  /** Outputs of classifying tables: unset before each evaluation so a table that matches nothing leaves null. */
  private final Set<String> conclusionNames;

  private LoanDecisionService(DmnEngine engine, DmnDecision decision, String version, List<MatchedRule> rules,
      Map<MatchedRule, String> ruleTexts, Set<String> conclusionNames) {
    this.engine = engine;
    this.decision = decision;
    this.version = version;
    this.rules = List.copyOf(rules);
    this.ruleTexts = Map.copyOf(ruleTexts);
    this.conclusionNames = Set.copyOf(conclusionNames);
  }

  /** Every rule of the graph, table by table in evaluation order: what a coverage report counts against. */
  public List<MatchedRule> rules() {
    return rules;
  }

  /** Loads a rule set shipped with the application; its version is the top decision's versionTag. */
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
   * Parses and validates a decision graph.
   *
   * @param version the version to report; when null or blank, the top decision's
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

    if (!(model.getModelElementById(DECISION_ID) instanceof Decision top)) {
      throw new RuleSetInvalidException(List.of(RuleSetProblem.of(null, "no decision with id '" + DECISION_ID + "'")));
    }

    String effectiveVersion = version == null || version.isBlank() ? top.getVersionTag() : version;
    if (effectiveVersion == null || effectiveVersion.isBlank()) {
      problems.add(RuleSetProblem.of(DECISION_ID,
          "no rule-set version: set camunda:versionTag on decision '" + DECISION_ID + "' or pass one"));
    }

    CachingFeelEngine feel = new CachingFeelEngine();
    RuleSetValidator validator = new RuleSetValidator(feel);
    List<Decision> graph = validator.validate(model.getDefinitions(), top);
    problems.addAll(validator.problems());
    DmnEngine engine = buildEngine(feel);
    DmnDecision decision = null;
    if (problems.isEmpty()) {
      try {
        decision = engine.parseDecision(DECISION_ID, model);
      } catch (DmnEngineException e) {
        problems.add(RuleSetProblem.of(DECISION_ID, "the Camunda DMN engine rejects the graph: " + rootMessage(e)));
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleSetInvalidException(problems);
    }

    List<MatchedRule> rules = new ArrayList<>();
    Map<MatchedRule, String> texts = new HashMap<>();
    Set<String> conclusions = new LinkedHashSet<>();
    for (Decision element : graph) {
      DecisionTable table = (DecisionTable) element.getExpression();
      for (Rule rule : table.getRules()) {
        MatchedRule matched = new MatchedRule(element.getId(), rule.getId());
        rules.add(matched);
        if (rule.getDescription() != null && !rule.getDescription().getTextContent().isBlank()) {
          texts.put(matched, rule.getDescription().getTextContent().trim());
        }
      }
      if (!RuleSetValidator.isVerdict(table)) {
        table.getOutputs().forEach(output -> conclusions.add(output.getName()));
      }
    }
    log.info("Loaded loan decision rule set {} ({} decisions, {} rules)", effectiveVersion, graph.size(), rules.size());
    return new LoanDecisionService(engine, decision, effectiveVersion, rules, texts, conclusions);
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
    Map<String, Object> variables = facts.asVariables();
    conclusionNames.forEach(name -> variables.put(name, null));
    List<DmnDecisionLogicEvaluationEvent> evaluated;
    try {
      engine.evaluateDecision(decision, variables);
      evaluated = EVALUATED.get();
    } finally {
      EVALUATED.remove();
    }
    return combine(evaluated == null ? List.of() : evaluated, facts.requestedAmount());
  }

  public String ruleSetVersion() {
    return version;
  }

  /**
   * What the engine evaluated on this thread, required decisions first. The engine reports it only
   * to listeners, synchronously on the evaluating thread, so a thread-local carries it from the
   * listener to {@link #decide} without any sharing between threads.
   */
  private static final ThreadLocal<List<DmnDecisionLogicEvaluationEvent>> EVALUATED = new ThreadLocal<>();

  private static final DmnDecisionEvaluationListener RECORD_EVALUATION = event -> {
    List<DmnDecisionLogicEvaluationEvent> all = new ArrayList<>(event.getRequiredDecisionResults());
    all.add(event.getDecisionResult());
    EVALUATED.set(all);
  };

  private static DmnEngine buildEngine(CachingFeelEngine feel) {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionEvaluationListeners(List.of(RECORD_EVALUATION));
    // One FEEL engine per rule set, so its parse cache never outlives the tables it belongs to.
    configuration.setFeelEngineFactory(() -> feel);
    return configuration.buildEngine();
  }

  /** One matched rule of a deciding table, its outputs by name. */
  private record Verdict(MatchedRule rule, Map<String, Object> outputs) {

    RuleOutcome outcome() {
      return RuleOutcome.valueOf(String.valueOf(outputs.get(RuleSetValidator.OUTCOME)));
    }
  }

  private RuleDecision combine(List<DmnDecisionLogicEvaluationEvent> evaluated, BigDecimal requestedAmount) {
    List<MatchedRule> matched = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    Map<String, Object> conclusions = new LinkedHashMap<>();
    for (DmnDecisionLogicEvaluationEvent event : evaluated) {
      if (!(event instanceof DmnDecisionTableEvaluationEvent table)) {
        continue; // the validator admits decision tables only
      }
      String decisionId = event.getDecision().getKey();
      for (DmnEvaluatedDecisionRule rule : table.getMatchingRules()) {
        MatchedRule which = new MatchedRule(decisionId, rule.getId());
        matched.add(which);
        Map<String, Object> outputs = new HashMap<>();
        rule.getOutputEntries().values().forEach(output -> outputs.put(output.getOutputName(),
            output.getValue() == null ? null : output.getValue().getValue()));
        if (outputs.containsKey(RuleSetValidator.OUTCOME)) {
          verdicts.add(new Verdict(which, outputs));
        } else {
          outputs.forEach(conclusions::putIfAbsent);
        }
      }
    }

    RuleOutcome outcome = null;
    for (Verdict verdict : verdicts) {
      if (outcome == null || verdict.outcome().isMoreSevereThan(outcome)) {
        outcome = verdict.outcome();
      }
    }
    if (outcome == null) {
      return new RuleDecision(RuleOutcome.MANUAL_REVIEW, List.of(NO_RULE_MATCHED), requestedAmount, null, version,
          matched, Map.of(NO_RULE_MATCHED, "No rule of the policy applies, so a person reviews the application."),
          conclusions);
    }

    Map<String, String> reasons = new LinkedHashMap<>();
    BigDecimal cap = null;
    BigDecimal rate = null;
    for (Verdict verdict : verdicts) {
      if (verdict.outcome() != outcome) {
        continue;
      }
      String reason = String.valueOf(verdict.outputs().get(RuleSetValidator.REASON));
      reasons.putIfAbsent(reason, ruleTexts.getOrDefault(verdict.rule(), reason));
      BigDecimal maxAmount = decimal(verdict.outputs().get(RuleSetValidator.MAX_AMOUNT));
      if (maxAmount != null && (cap == null || maxAmount.compareTo(cap) < 0)) {
        cap = maxAmount;
      }
      BigDecimal annualRate = decimal(verdict.outputs().get(RuleSetValidator.ANNUAL_RATE));
      if (annualRate != null && (rate == null || annualRate.compareTo(rate) > 0)) {
        rate = annualRate;
      }
    }
    List<String> codes = List.copyOf(reasons.keySet());
    if (outcome == RuleOutcome.REJECT) {
      return new RuleDecision(outcome, codes, null, null, version, matched, reasons, conclusions);
    }
    BigDecimal approved = cap == null || requestedAmount.compareTo(cap) <= 0 ? requestedAmount : cap;
    return new RuleDecision(outcome, codes, approved, rate, version, matched, reasons, conclusions);
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
