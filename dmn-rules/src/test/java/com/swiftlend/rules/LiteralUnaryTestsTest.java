package com.swiftlend.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.junit.jupiter.api.Test;

/** The Java answers to simple unary tests are the stock FEEL engine's, for every cell that is compiled. */
class LiteralUnaryTestsTest {

  private static final ScalaFeelEngine STOCK = new ScalaFeelEngine(List.of());
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  /** Every input cell of the shipped graph, and the forms a pricing grid and the validator tests use. */
  private static Set<String> cells() {
    Set<String> cells = new LinkedHashSet<>();
    ShippedRuleSet shipped = ShippedRuleSet.load();
    Dmn.readModelFromStream(new ByteArrayInputStream(shipped.dmnXml().getBytes(StandardCharsets.UTF_8)))
        .getModelElementsByType(InputEntry.class).forEach(entry -> {
          String text = entry.getText() == null ? null : entry.getText().getTextContent();
          if (text != null && !text.isBlank()) {
            cells.add(text.trim());
          }
        });
    cells.addAll(List.of("[500..1000[", "]0..5]", "(1..2)", "[0.05..0.15]", "-3", "2.5", "0", "true", "false",
        "null", "\"A\",\"B\",\"C\"", ">= 600, null", "< 0.05", "<= -1.5", "> 20000", "\"\"", "\"with space\""));
    return cells;
  }

  private static List<Object> values(Set<String> cells) {
    List<Object> values = new ArrayList<>(List.of(true, false, "", "A", "B", "FAIL", "PASS", "UNAVAILABLE", "other",
        "with space", "0.05", "18"));
    values.add(null);
    for (String cell : cells) {
      Matcher number = NUMBER.matcher(cell);
      while (number.find()) {
        BigDecimal c = new BigDecimal(number.group());
        for (BigDecimal v : List.of(c, c.subtract(BigDecimal.ONE), c.add(BigDecimal.ONE),
            c.subtract(new BigDecimal("0.01")), c.add(new BigDecimal("0.01")))) {
          values.add(v.doubleValue());
          values.add(v);
          if (v.stripTrailingZeros().scale() <= 0) {
            values.add(v.intValue());
            values.add(v.longValue());
          }
        }
      }
    }
    return values;
  }

  @Test
  void everyCompiledCellAnswersAsFeelDoesForEveryKindOfValue() {
    Set<String> cells = cells();
    List<Object> values = values(cells);
    int compiled = 0;
    List<String> differences = new ArrayList<>();
    for (String cell : cells) {
      Predicate<Object> literal = LiteralUnaryTests.compile(cell);
      if (literal == null) {
        continue;
      }
      compiled++;
      for (Object value : values) {
        boolean feel;
        try {
          feel = STOCK.evaluateSimpleUnaryTests(cell, "cellInput",
              Variables.createVariables().putValue("cellInput", value).asVariableContext());
        } catch (RuntimeException e) {
          differences.add(cell + " on " + describe(value) + ": FEEL fails (" + e.getMessage() + ")");
          continue;
        }
        if (feel != literal.test(value)) {
          differences.add(cell + " on " + describe(value) + ": FEEL " + feel + ", Java " + !feel);
        }
      }
    }
    assertThat(differences).isEmpty();
    assertThat(compiled).as("cells answered in Java").isGreaterThanOrEqualTo(cells.size() - 1);
  }

  @Test
  void formsItDoesNotKnowAreLeftToFeel() {
    assertThat(LiteralUnaryTests.compile("not(\"FAIL\")")).isNull();
    assertThat(LiteralUnaryTests.compile("[0.05..probabilityOfDefault[")).isNull();
    assertThat(LiteralUnaryTests.compile("date(\"2026-01-01\")")).isNull();
    assertThat(LiteralUnaryTests.compile("\"a\\\"b\"")).isNull();
    assertThat(LiteralUnaryTests.compile("? > 3")).isNull();
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
