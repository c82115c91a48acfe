package com.swiftlend.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import camundajar.impl.scala.Product;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.feel.syntaxtree.Ref;

/**
 * Checks the engine's own parse does not make (shared/STACK.md "DMN speed"): Camunda accepts a
 * table whose cells are malformed FEEL or name variables that do not exist, and only fails, or
 * silently mismatches, when a rule is evaluated. Every cell is therefore parsed here, every name it
 * references is checked against {@link DecisionFacts}, and the outputs the service relies on are
 * checked for presence and, for {@code outcome}, for value.
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
  private static final List<String> OUTPUTS = List.of(OUTCOME, REASON, MAX_AMOUNT, ANNUAL_RATE);

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

  /** Where in the table a problem is: a rule's row and a column, either possibly absent. */
  private record Where(Integer ruleNumber, String rule, String column, String columnId) {

    static final Where TABLE = new Where(null, null, null, null);

    static Where column(String column, String columnId) {
      return new Where(null, null, column, columnId);
    }

    Where inColumn(String name, String id) {
      return new Where(ruleNumber, rule, name, id);
    }
  }

  private final CachingFeelEngine feel;
  private final List<RuleSetProblem> problems = new ArrayList<>();

  RuleSetValidator(CachingFeelEngine feel) {
    this.feel = feel;
  }

  List<RuleSetProblem> validate(Definitions definitions, DecisionTable table) {
    checkFeelLanguage(Where.TABLE, definitions.getExpressionLanguage());
    if (table.getHitPolicy() != HitPolicy.RULE_ORDER) {
      // The service combines all matches itself and reports reasons in rule order.
      add(Where.TABLE, "hit policy must be RULE ORDER, was " + table.getHitPolicy());
    }

    List<Input> inputs = List.copyOf(table.getInputs());
    List<String> inputNames = new ArrayList<>();
    for (Input input : inputs) {
      Where where = Where.column(columnName(input), input.getId());
      String text = input.getInputExpression() == null ? null : textOf(input.getInputExpression().getText());
      inputNames.add(input.getCamundaInputVariable() == null ? DEFAULT_CELL_INPUT : input.getCamundaInputVariable());
      if (text == null) {
        add(where, "has no input expression");
        continue;
      }
      checkFeelLanguage(where, input.getInputExpression().getExpressionLanguage());
      checkExpression(where, "input expression ", text, Set.of());
    }

    List<Output> outputs = List.copyOf(table.getOutputs());
    List<String> outputNames = outputs.stream().map(Output::getName).toList();
    for (String required : OUTPUTS) {
      if (!outputNames.contains(required)) {
        add(Where.TABLE, "output column '" + required + "' is missing");
      }
    }
    for (String name : outputNames) {
      if (!OUTPUTS.contains(name)) {
        add(Where.TABLE, "output column '" + name + "' is not one of " + OUTPUTS + " and would be ignored");
      }
    }

    int index = 0;
    for (Rule rule : table.getRules()) {
      index++;
      checkRule(index, rule, inputs, inputNames, outputNames, outputs.stream().map(Output::getId).toList());
    }
    return List.copyOf(problems);
  }

  private void checkRule(int index, Rule rule, List<Input> inputs, List<String> inputNames, List<String> outputNames,
      List<String> outputIds) {
    Where ruleName = new Where(index, rule.getId(), null, null);
    List<InputEntry> inputEntries = List.copyOf(rule.getInputEntries());
    List<OutputEntry> outputEntries = List.copyOf(rule.getOutputEntries());
    if (inputEntries.size() != inputs.size() || outputEntries.size() != outputNames.size()) {
      add(ruleName, "has " + inputEntries.size() + " input and " + outputEntries.size()
          + " output cells, the table has " + inputs.size() + " and " + outputNames.size() + " columns");
      return;
    }

    for (int column = 0; column < inputEntries.size(); column++) {
      InputEntry entry = inputEntries.get(column);
      Where where = ruleName.inColumn(columnName(inputs.get(column)), inputs.get(column).getId());
      String text = textOf(entry.getText());
      checkFeelLanguage(where, entry.getExpressionLanguage());
      if (text == null) {
        continue;
      }
      try {
        checkReferences(where, text, feel.parsedUnaryTests(text), Set.of(inputNames.get(column)));
      } catch (FeelException e) {
        add(where, "malformed FEEL unary test [" + text + "]: " + e.getMessage());
      }
    }

    for (int column = 0; column < outputEntries.size(); column++) {
      OutputEntry entry = outputEntries.get(column);
      String output = outputNames.get(column);
      Where where = ruleName.inColumn(output, outputIds.get(column));
      String text = textOf(entry.getText());
      checkFeelLanguage(where, entry.getExpressionLanguage());
      if (text == null) {
        if (OUTCOME.equals(output) || REASON.equals(output)) {
          add(where, "must not be empty");
        }
        continue;
      }
      if (checkExpression(where, "", text, Set.of()) && OUTCOME.equals(output)) {
        checkOutcome(where, text);
      }
    }
  }

  /** Returns whether the expression parsed, so callers only evaluate what can be evaluated. */
  private boolean checkExpression(Where where, String what, String text, Set<String> extraNames) {
    try {
      checkReferences(where, text, feel.parsedExpression(text), extraNames);
      return true;
    } catch (FeelException e) {
      add(where, what + "malformed FEEL expression [" + text + "]: " + e.getMessage());
      return false;
    }
  }

  private void add(Where where, String message) {
    problems.add(new RuleSetProblem(LoanDecisionService.DECISION_ID, where.ruleNumber(), where.rule(), where.column(),
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

  private void checkReferences(Where where, String text, Object parsed, Set<String> extraNames) {
    Set<String> names = new LinkedHashSet<>();
    collectReferences(parsed, names);
    for (String name : names) {
      if (!DecisionFacts.VARIABLE_NAMES.contains(name) && !extraNames.contains(name)) {
        add(where, "[" + text + "] refers to unknown variable '" + name
            + "' (known: " + DecisionFacts.VARIABLE_NAMES + ")");
      }
    }
  }

  /** The FEEL tree is made of Scala case classes, so a generic walk over Products reaches every node. */
  private static void collectReferences(Object node, Set<String> names) {
    if (node instanceof Ref ref) {
      names.add(ref.names().head());
    } else if (node instanceof Product product) {
      product.productIterator().foreach(child -> {
        collectReferences(child, names);
        return null;
      });
    } else if (node instanceof camundajar.impl.scala.collection.Iterable<?> children) {
      children.foreach(child -> {
        collectReferences(child, names);
        return null;
      });
    }
  }

  private void checkFeelLanguage(Where where, String language) {
    if (language != null && !FEEL_LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
      add(where, "expression language '" + language + "' is not FEEL");
    }
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
  private static String textOf(Text text) {
    if (text == null || text.getTextContent() == null || text.getTextContent().isBlank()) {
      return null;
    }
    return text.getTextContent().trim();
  }
}
