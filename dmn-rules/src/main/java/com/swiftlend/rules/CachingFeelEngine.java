package com.swiftlend.rules;

import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.FeelEngine.UnaryTests$;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * The stock Camunda FEEL engine re-parses every cell on every evaluation (feel-scala issue 1149);
 * parsing dominates the cost of a decision (≈67 µs vs ≈16 µs per decision, shared/STACK.md). This
 * one parses each distinct cell text once and evaluates the parsed tree afterwards.
 *
 * <p>The caches are unbounded on purpose: they are keyed by cell text, one engine belongs to one
 * rule set, and a new rule set gets a new engine, so they hold at most the table's distinct cells.
 * Failed parses are not cached; validation keeps such cells out of a published table anyway.
 *
 * <p>Evaluation mirrors {@link ScalaFeelEngine} exactly apart from the parse, so results and error
 * messages are the engine's own, except for the simplest unary tests (literals, comparisons with a
 * number, numeric intervals, lists of these), which are answered in Java with FEEL's answers
 * ({@link LiteralUnaryTests}): variable resolution through the FEEL interpreter was most of a
 * decision graph's time.
 */
final class CachingFeelEngine extends ScalaFeelEngine {

  private final ConcurrentMap<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();
  /** Cells simple enough to test in Java ({@link LiteralUnaryTests}); {@link #FEEL} marks the others. */
  private final ConcurrentMap<String, Predicate<Object>> literalTests = new ConcurrentHashMap<>();
  private static final Predicate<Object> FEEL = value -> {
    throw new IllegalStateException("a marker, never tested");
  };

  private static Predicate<Object> literalOrFeel(String expression) {
    Predicate<Object> literal = LiteralUnaryTests.compile(expression);
    return literal == null ? FEEL : literal;
  }

  CachingFeelEngine() {
    super(List.of());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
    VariableProvider variables = new ContextVariableWrapper(variableContext);
    return (T) orThrow(feelEngine.eval(parsedExpression(expression), contextOf(variables)));
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
    Predicate<Object> literal = literalTests.computeIfAbsent(expression, CachingFeelEngine::literalOrFeel);
    if (literal != FEEL) {
      TypedValue input = variableContext.resolve(inputVariable);
      return literal.test(input == null ? null : input.getValue());
    }
    // Unary tests find their input through this indirection: the special variable names the real one.
    StaticVariableProvider input = new StaticVariableProvider(new Map.Map1<>(UnaryTests$.MODULE$.inputVariable(), inputVariable));
    VariableProvider variables = new CompositeVariableProvider(toScalaList(input, new ContextVariableWrapper(variableContext)));
    return BoxesRunTime.unboxToBoolean(orThrow(feelEngine.eval(parsedUnaryTests(expression), contextOf(variables))));
  }

  /**
   * Parse through the cache. Malformed text throws the engine's {@code FeelException} carrying
   * feel-scala's message, which the validator reports verbatim.
   */
  ParsedExpression parsedExpression(String expression) {
    return expressions.computeIfAbsent(expression, text -> parsedOrThrow(feelEngine.parseExpression(text)));
  }

  ParsedExpression parsedUnaryTests(String expression) {
    return unaryTests.computeIfAbsent(expression, text -> parsedOrThrow(feelEngine.parseUnaryTests(text)));
  }

  private static CustomContext contextOf(VariableProvider variables) {
    return new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return variables;
      }
    };
  }

  /** Not the evaluation exception: its "error while evaluating" prefix misleads readers of a parse problem. */
  private static ParsedExpression parsedOrThrow(Either<Failure, ParsedExpression> result) {
    if (result instanceof Right<Failure, ParsedExpression> right) {
      return right.value();
    }
    throw new FeelException(((Left<Failure, ParsedExpression>) result).value().message());
  }

  private static <T> T orThrow(Either<Failure, T> result) {
    if (result instanceof Right<Failure, T> right) {
      return right.value();
    }
    throw LOGGER.evaluationException(((Left<Failure, T>) result).value().message());
  }
}
