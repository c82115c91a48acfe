package com.swiftlend.benchmarks;

import java.util.List;

/**
 * A generated offer table: the eleven inputs of the loan decision, rules over amount, term and
 * probability-of-default bands only (the rest "any"), each approving with its own cap and rate.
 * Shaped like the pricing grids lenders keep: many narrow bands, few columns used per rule.
 */
final class PricingGrid {

    private static final List<String> INPUTS = List.of("blacklisted", "bureauOutcome", "creditScore",
            "delinquencies", "fraudOutcome", "deviceOutcome", "velocityOutcome", "probabilityOfDefault",
            "requestedAmount", "termDays", "segment");

    private PricingGrid() {
    }

    static String dmn(int rules) {
        // amount bands × term bands × PD bands = rules; 10 term bands, 10 PD bands, rules/100 amount bands.
        int amountBands = Math.max(1, rules / 100);
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="grid" name="grid" namespace="http://swiftlend.dev/dmn">
                  <decision id="loanDecision" name="Loan decision" camunda:versionTag="grid">
                    <decisionTable id="table" hitPolicy="RULE ORDER">
                """);
        for (String input : INPUTS) {
            xml.append("      <input id=\"in_").append(input).append("\" label=\"").append(input)
                    .append("\"><inputExpression id=\"expr_").append(input).append("\"><text>").append(input)
                    .append("</text></inputExpression></input>\n");
        }
        for (String output : List.of("outcome:string", "reason:string", "maxAmount:double", "annualRate:double")) {
            String[] parts = output.split(":");
            xml.append("      <output id=\"out_").append(parts[0]).append("\" name=\"").append(parts[0])
                    .append("\" typeRef=\"").append(parts[1]).append("\" />\n");
        }
        int n = 0;
        for (int a = 0; a < amountBands; a++) {
            for (int t = 0; t < 10; t++) {
                for (int p = 0; p < 10; p++) {
                    n++;
                    long low = 500L + a * (30000L / amountBands);
                    long high = 500L + (a + 1) * (30000L / amountBands);
                    String[] cells = new String[INPUTS.size()];
                    java.util.Arrays.fill(cells, "");
                    cells[7] = "[" + (p * 0.04) + ".." + ((p + 1) * 0.04) + "[";
                    cells[8] = "[" + low + ".." + high + "[";
                    cells[9] = "[" + (7 + t * 9) + ".." + (7 + (t + 1) * 9) + "[";
                    xml.append("      <rule id=\"grid_").append(n).append("\">");
                    for (int i = 0; i < cells.length; i++) {
                        xml.append("<inputEntry id=\"grid_").append(n).append("_in").append(i).append("\"><text>")
                                .append(cells[i]).append("</text></inputEntry>");
                    }
                    xml.append("<outputEntry id=\"grid_").append(n).append("_o1\"><text>\"APPROVE\"</text></outputEntry>")
                            .append("<outputEntry id=\"grid_").append(n).append("_o2\"><text>\"GRID_").append(n)
                            .append("\"</text></outputEntry>")
                            .append("<outputEntry id=\"grid_").append(n).append("_o3\"><text>").append(high)
                            .append("</text></outputEntry>")
                            .append("<outputEntry id=\"grid_").append(n).append("_o4\"><text>")
                            .append(String.format(java.util.Locale.ROOT, "%.4f", 0.08 + p * 0.015))
                            .append("</text></outputEntry></rule>\n");
                }
            }
        }
        return xml.append("    </decisionTable>\n  </decision>\n</definitions>\n").toString();
    }
}
