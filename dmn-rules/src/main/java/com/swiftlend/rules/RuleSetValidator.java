package com.swiftlend.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import camundajar.impl.scala.Product;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.InformationRequirement;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.feel.syntaxtree.ConstNumber;
import org.camunda.feel.syntaxtree.ConstString;
import org.camunda.feel.syntaxtree.Ref;

/**
 * Checks what the engine's own parse does not (shared/STACK.md "DMN speed"): Camunda accepts a
 * graph whose cells are malformed FEEL or name variables that do not exist, and only fails, or
 * silently mismatches, when a rule is evaluated. So every decision the graph reaches is checked:
 * every cell is parsed by the FEEL engine, every name it references must be a fact the flow
 * supplies ({@link DecisionFacts}) or an output of a decision it requires, the outputs the flow
 * reads must exist with the right type, hit policies must suit what the service does with the
 * results, and under UNIQUE no two rules may match the same application.
 *
 * <p>Two kinds of table make up a graph. A <em>verdict</em> table has an {@code outcome} output;
 * it is evaluated under RULE ORDER and every match contributes to the decision (the top decision,
 * {@value LoanDecisionService#DECISION_ID}, is one). Any other table <em>classifies</em> (segment,
 * risk grade): it gives one result, so its hit policy is UNIQUE, FIRST, ANY or PRIORITY, and its
 * outputs are variables for the decisions that require it.
 *
 * <p>Reference checking walks the parsed FEEL tree and collects the first segment of every name.
 * Names bound inside an expression (for/some/every iterators, function parameters, context keys)
 * are not recognised and would be reported; the tables here have no use for them, and a false
 * alarm at publish time is cheaper than an unknown variable that quietly evaluates to null.
 */
final class RuleSetValidator {

  static final String OUTCOME = "outcome";
  static final String REASON = "reason";
  static final String MAX_AMOUNT = "maxAmount";
  static final String ANNUAL_RATE = "annualRate";
  private static final List<String> VERDICT_OUTPUTS = List.of(OUTCOME, REASON, MAX_AMOUNT, ANNUAL_RATE);
  private static final Set<String> TEXT_TYPES = Set.of("string");
  private static final Set<String> NUMBER_TYPES = Set.of("double", "integer", "long", "number");
  private static final Set<HitPolicy> SINGLE_RESULT = Set.of(HitPolicy.UNIQUE, HitPolicy.FIRST, HitPolicy.ANY,
      HitPolicy.PRIORITY);

  /** Camunda's default name for the column's value inside an input entry. */
  private static final String DEFAULT_CELL_INPUT = "cellInput";

  /** Lower-cased, as Camunda matches these names case-insensitively. */
  private static final Set<String> FEEL_LANGUAGES = Stream.of(
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
          DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15)
      .map(language -> language.toLowerCase(Locale.ROOT))
      .collect(Collectors.toUnmodifiableSet());

  /** Where in the graph a problem is: a decision, a rule's row and a column, each possibly absent. */
  private record Where(String decision, Integer ruleNumber, String rule, String column, String columnId) {

    static Where decision(String decision) {
      return new Where(decision, null, null, null, null);
    }

    Where inColumn(String name, String id) {
      return new Where(decision, ruleNumber, rule, name, id);
    }

    Where atRule(int number, String id) {
      return new Where(decision, number, id, null, null);
    }
  }

  private final CachingFeelEngine feel;
  private final List<RuleSetProblem> problems = new ArrayList<>();

  RuleSetValidator(CachingFeelEngine feel) {
    this.feel = feel;
  }

  /**
   * The decisions the top decision needs, required ones first, in the order the engine evaluates
   * them (depth first along each decision's requirements), the top decision last. Cycles and
   * decisions nothing requires are reported.
   */
  List<Decision> validate(Definitions definitions, Decision top) {
    checkFeelLanguage(Where.decision(null), definitions.getExpressionLanguage());
    List<Decision> order = new ArrayList<>();
    collect(top, order, new LinkedHashSet<>());
    for (Decision decision : definitions.getChildElementsByType(Decision.class)) {
      if (!order.contains(decision)) {
        add(Where.decision(decision.getId()), "decision '" + name(decision) + "' is not required by '"
            + LoanDecisionService.DECISION_ID + "', directly or through other decisions, so it would never be evaluated");
      }
    }
    Map<String, Set<String>> outputsOf = new HashMap<>();
    Map<String, String> producer = new HashMap<>();
    for (Decision decision : order) {
      if (!(decision.getExpression() instanceof DecisionTable table)) {
        add(Where.decision(decision.getId()), "decision '" + name(decision) + "' is not a decision table");
        continue;
      }
      Set<String> known = new LinkedHashSet<>(DecisionFacts.KNOWN_NAMES);
      for (Decision required : required(decision)) {
        known.addAll(outputsOf.getOrDefault(required.getId(), Set.of()));
      }
      Set<String> outputs = validateTable(decision, table, decision == top, known);
      for (String output : outputs) {
        String earlier = producer.putIfAbsent(output, decision.getId());
        if (earlier != null && !isVerdict(table)) {
          add(Where.decision(decision.getId()), "output '" + output + "' is also an output of decision '" + earlier
              + "'; a decision requiring both could not tell them apart");
        }
      }
      outputsOf.put(decision.getId(), outputs);
    }
    return List.copyOf(order);
  }

  List<RuleSetProblem> problems() {
    return List.copyOf(problems);
  }

  private void collect(Decision decision, List<Decision> order, Set<Decision> path) {
    if (order.contains(decision)) {
      return;
    }
    if (!path.add(decision)) {
      add(Where.decision(decision.getId()), "decision '" + name(decision) + "' requires itself through "
          + path.stream().map(RuleSetValidator::name).toList() + "; a decision graph must not have cycles");
      return;
    }
    for (Decision required : required(decision)) {
      collect(required, order, path);
    }
    path.remove(decision);
    order.add(decision);
  }

  static List<Decision> required(Decision decision) {
    List<Decision> required = new ArrayList<>();
    for (InformationRequirement requirement : decision.getInformationRequirements()) {
      if (requirement.getRequiredDecision() != null) {
        required.add(requirement.getRequiredDecision());
      }
    }
    return required;
  }

  static boolean isVerdict(DecisionTable table) {
    return table.getOutputs().stream().anyMatch(output -> OUTCOME.equals(output.getName()));
  }

  /** @return the names of the table's outputs */
  private Set<String> validateTable(Decision decision, DecisionTable table, boolean top, Set<String> known) {
    Where here = Where.decision(decision.getId());
    boolean verdict = isVerdict(table);
    List<Output> outputs = List.copyOf(table.getOutputs());
    List<String> outputNames = outputs.stream().map(Output::getName).toList();
    if (top && !verdict) {
      add(here, "the top decision must give an 'outcome' (with 'reason', 'maxAmount', 'annualRate')");
    }
    if (verdict) {
      if (table.getHitPolicy() != HitPolicy.RULE_ORDER) {
        // The service combines all matches itself and reports reasons in rule order.
        add(here, "hit policy must be RULE ORDER in a table that gives an outcome, was " + table.getHitPolicy());
      }
      for (String required : List.of(OUTCOME, REASON)) {
        if (!outputNames.contains(required)) {
          add(here, "output column '" + required + "' is missing");
        }
      }
      if (top) {
        for (String required : List.of(MAX_AMOUNT, ANNUAL_RATE)) {
          if (!outputNames.contains(required)) {
            add(here, "output column '" + required + "' is missing");
          }
        }
      }
      for (String name : outputNames) {
        if (!VERDICT_OUTPUTS.contains(name)) {
          add(here, "output column '" + name + "' is not one of " + VERDICT_OUTPUTS + " and would be ignored");
        }
      }
    } else {
      if (!SINGLE_RESULT.contains(table.getHitPolicy())) {
        add(here, "hit policy must be UNIQUE, FIRST, ANY or PRIORITY: the outputs of '" + name(decision)
            + "' feed other decisions as single values, was " + table.getHitPolicy());
      }
      for (String name : outputNames) {
        if (name == null || name.isBlank()) {
          add(here, "every output column needs a name: decisions that require this one refer to it by name");
        } else if (VERDICT_OUTPUTS.contains(name) || DecisionFacts.VARIABLE_NAMES.contains(name)) {
          add(here, "output column '" + name + "' clashes with " + (VERDICT_OUTPUTS.contains(name)
              ? "a verdict output" : "the fact of that name"));
        }
      }
    }
    for (Output output : outputs) {
      checkOutputType(here.inColumn(output.getName(), output.getId()), output);
    }

    List<Input> inputs = List.copyOf(table.getInputs());
    List<String> cellInputs = new ArrayList<>();
    for (Input input : inputs) {
      Where where = here.inColumn(columnName(input), input.getId());
      String text = input.getInputExpression() == null ? null : textOf(input.getInputExpression().getText());
      cellInputs.add(input.getCamundaInputVariable() == null ? DEFAULT_CELL_INPUT : input.getCamundaInputVariable());
      if (text == null) {
        add(where, "has no input expression");
        continue;
      }
      checkFeelLanguage(where, input.getInputExpression().getExpressionLanguage());
      checkExpression(where, "input expression ", text, known, Set.of());
    }

    int index = 0;
    boolean cellsParse = true;
    for (Rule rule : table.getRules()) {
      index++;
      cellsParse &= checkRule(here.atRule(index, rule.getId()), rule, inputs, cellInputs, outputs, known);
    }
    if (table.getHitPolicy() == HitPolicy.UNIQUE && cellsParse) {
      checkNoOverlap(here, table, cellInputs);
    }
    return new LinkedHashSet<>(outputNames);
  }

  private void checkOutputType(Where where, Output output) {
    String type = output.getTypeRef() == null ? null : output.getTypeRef().toLowerCase(Locale.ROOT);
    if (type == null) {
      return;
    }
    Set<String> expected = switch (String.valueOf(output.getName())) {
      case OUTCOME, REASON -> TEXT_TYPES;
      case MAX_AMOUNT, ANNUAL_RATE -> NUMBER_TYPES;
      default -> null;
    };
    if (expected != null && !expected.contains(type)) {
      add(where, "output '" + output.getName() + "' must be of type " + String.join(" or ", new TreeSet<>(expected))
          + ", was " + output.getTypeRef());
    }
  }

  /** @return whether every input cell parsed, so the overlap check only runs on parsed cells */
  private boolean checkRule(Where ruleName, Rule rule, List<Input> inputs, List<String> cellInputs,
      List<Output> outputs, Set<String> known) {
    List<InputEntry> inputEntries = List.copyOf(rule.getInputEntries());
    List<OutputEntry> outputEntries = List.copyOf(rule.getOutputEntries());
    if (inputEntries.size() != inputs.size() || outputEntries.size() != outputs.size()) {
      add(ruleName, "has " + inputEntries.size() + " input and " + outputEntries.size()
          + " output cells, the table has " + inputs.size() + " and " + outputs.size() + " columns");
      return false;
    }

    boolean parsed = true;
    for (int column = 0; column < inputEntries.size(); column++) {
      InputEntry entry = inputEntries.get(column);
      Where where = ruleName.inColumn(columnName(inputs.get(column)), inputs.get(column).getId());
      String text = textOf(entry.getText());
      checkFeelLanguage(where, entry.getExpressionLanguage());
      if (text == null) {
        continue;
      }
      try {
        checkReferences(where, text, feel.parsedUnaryTests(text), known, Set.of(cellInputs.get(column)));
      } catch (FeelException e) {
        add(where, "malformed FEEL unary test [" + text + "]: " + e.getMessage());
        parsed = false;
      }
    }

    for (int column = 0; column < outputEntries.size(); column++) {
      OutputEntry entry = outputEntries.get(column);
      String output = outputs.get(column).getName();
      Where where = ruleName.inColumn(output, outputs.get(column).getId());
      String text = textOf(entry.getText());
      checkFeelLanguage(where, entry.getExpressionLanguage());
      if (text == null) {
        if (OUTCOME.equals(output) || REASON.equals(output)) {
          add(where, "must not be empty");
        }
        continue;
      }
      if (checkExpression(where, "", text, known, Set.of()) && OUTCOME.equals(output)) {
        checkOutcome(where, text);
      }
    }
    return parsed;
  }

  /**
   * Under UNIQUE, two rules that can match the same application make the engine fail on it. Each
   * column's cells are unary tests over one value, so two rules overlap exactly when every column
   * has some value both of their cells accept. The values tried per column are enough to decide
   * that: every constant the column's cells mention, a value between each two neighbouring
   * numbers and one beyond each end, null, both booleans, and a string no cell names; a test's
   * answer cannot change between two neighbouring constants.
   */
  private void checkNoOverlap(Where here, DecisionTable table, List<String> cellInputs) {
    List<Rule> rules = List.copyOf(table.getRules());
    int columns = cellInputs.size();
    BitSet[][] accepts = new BitSet[rules.size()][columns];
    List<List<Object>> candidates = new ArrayList<>();
    for (int column = 0; column < columns; column++) {
      Set<Object> constants = new LinkedHashSet<>();
      for (Rule rule : rules) {
        String text = textOf(List.copyOf(rule.getInputEntries()).get(column).getText());
        if (text != null) {
          collectConstants(feel.parsedUnaryTests(text), constants);
        }
      }
      List<Object> values = candidates(constants);
      candidates.add(values);
      for (int r = 0; r < rules.size(); r++) {
        String text = textOf(List.copyOf(rules.get(r).getInputEntries()).get(column).getText());
        BitSet accepted = new BitSet(values.size());
        for (int v = 0; v < values.size(); v++) {
          accepted.set(v, text == null || accepts(text, cellInputs.get(column), values.get(v)));
        }
        accepts[r][column] = accepted;
      }
    }
    for (int later = 1; later < rules.size(); later++) {
      for (int earlier = 0; earlier < later; earlier++) {
        List<Object> example = new ArrayList<>();
        for (int column = 0; column < columns && example != null; column++) {
          BitSet both = (BitSet) accepts[earlier][column].clone();
          both.and(accepts[later][column]);
          example = both.isEmpty() ? null : add(example, candidates.get(column).get(both.nextSetBit(0)));
        }
        if (example != null) {
          add(here.atRule(later + 1, rules.get(later).getId()), "overlaps rule " + (earlier + 1) + " ("
              + rules.get(earlier).getId() + ") under hit policy UNIQUE: both match inputs such as "
              + example.stream().map(RuleSetValidator::shown).toList());
        }
      }
    }
  }

  private static List<Object> add(List<Object> list, Object value) {
    list.add(value);
    return list;
  }

  private static String shown(Object value) {
    return value == null ? "null" : value instanceof String text ? "\"" + text + "\"" : value.toString();
  }

  /** A string no cell names: the "any other value" every string column can receive. */
  private static final String OTHER = "<other>";

  private static List<Object> candidates(Collection<Object> constants) {
    List<Object> values = new ArrayList<>();
    values.add(null);
    values.add(Boolean.TRUE);
    values.add(Boolean.FALSE);
    values.add(OTHER);
    TreeSet<Double> numbers = new TreeSet<>();
    for (Object constant : constants) {
      if (constant instanceof Double number) {
        numbers.add(number);
      } else if (constant instanceof String && !values.contains(constant)) {
        values.add(constant);
      }
    }
    if (!numbers.isEmpty()) {
      values.add(numbers.first() - 1);
      Double previous = null;
      for (Double number : numbers) {
        if (previous != null) {
          values.add((previous + number) / 2);
        }
        values.add(number);
        previous = number;
      }
      values.add(numbers.last() + 1);
    }
    return values;
  }

  private boolean accepts(String unaryTests, String cellInput, Object value) {
    try {
      return feel.evaluateSimpleUnaryTests(unaryTests, cellInput,
          Variables.createVariables().putValue(cellInput, value).asVariableContext());
    } catch (RuntimeException e) {
      return false; // a test that cannot compare this kind of value does not accept it
    }
  }

  private static void collectConstants(Object parsed, Set<Object> constants) {
    // Booleans are not collected: both are always tried.
    walk(parsed, node -> {
      if (node instanceof ConstNumber number) {
        constants.add(number.value().toDouble());
      } else if (node instanceof ConstString text) {
        constants.add(text.value());
      }
    });
  }

  /** Returns whether the expression parsed, so callers only evaluate what can be evaluated. */
  private boolean checkExpression(Where where, String what, String text, Set<String> known, Set<String> extraNames) {
    try {
      checkReferences(where, text, feel.parsedExpression(text), known, extraNames);
      return true;
    } catch (FeelException e) {
      add(where, what + "malformed FEEL expression [" + text + "]: " + e.getMessage());
      return false;
    }
  }

  private void add(Where where, String message) {
    problems.add(new RuleSetProblem(where.decision(), where.ruleNumber(), where.rule(), where.column(),
        where.columnId(), null, message));
  }

  private void checkOutcome(Where where, String text) {
    Object value;
    try {
      value = feel.evaluateSimpleExpression(text, Variables.emptyVariableContext());
    } catch (FeelException e) {
      value = null;
    }
    boolean known = value instanceof String outcome
        && Arrays.stream(RuleOutcome.values()).anyMatch(o -> o.name().equals(outcome));
    if (!known) {
      add(where, "[" + text + "] must be one of the string literals "
          + Arrays.stream(RuleOutcome.values()).map(o -> "\"" + o + "\"").toList());
    }
  }

  private void checkReferences(Where where, String text, Object parsed, Set<String> known, Set<String> extraNames) {
    Set<String> names = new LinkedHashSet<>();
    collectReferences(parsed, names);
    for (String name : names) {
      if (!known.contains(name) && !extraNames.contains(name)) {
        add(where, "[" + text + "] refers to unknown variable '" + name + "' (known: " + known + ")");
      }
    }
  }

  private static void collectReferences(Object parsed, Set<String> names) {
    walk(parsed, node -> {
      if (node instanceof Ref ref) {
        names.add(ref.names().head());
      }
    });
  }

  /** The FEEL tree is made of Scala case classes, so a generic walk over Products reaches every node. */
  private static void walk(Object node, java.util.function.Consumer<Object> visit) {
    visit.accept(node);
    if (node instanceof Product product) {
      product.productIterator().foreach(child -> {
        walk(child, visit);
        return null;
      });
    } else if (node instanceof camundajar.impl.scala.collection.Iterable<?> children) {
      children.foreach(child -> {
        walk(child, visit);
        return null;
      });
    }
  }

  private void checkFeelLanguage(Where where, String language) {
    if (language != null && !FEEL_LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
      add(where, "expression language '" + language + "' is not FEEL");
    }
  }

  static String name(Decision decision) {
    return decision.getName() == null || decision.getName().isBlank() ? decision.getId() : decision.getName();
  }

  /** Label and variable both: business users know the label, developers grep for the variable. */
  private static String columnName(Input input) {
    String text = input.getInputExpression() == null ? null : textOf(input.getInputExpression().getText());
    String label = input.getLabel() == null || input.getLabel().isBlank() ? null : input.getLabel().trim();
    if (label != null && text != null && !label.equals(text)) {
      return label + " (" + text + ")";
    }
    return label != null ? label : text != null ? text : input.getId();
  }

  /** Null for an absent or blank cell, which the engine treats as "any" (input) or "no value" (output). */
  static String textOf(Text text) {
    if (text == null || text.getTextContent() == null || text.getTextContent().isBlank()) {
      return null;
    }
    return text.getTextContent().trim();
  }
}
