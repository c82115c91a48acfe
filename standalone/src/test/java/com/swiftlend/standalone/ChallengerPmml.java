package com.swiftlend.standalone;

import java.util.List;

/**
 * A second, real and deliberately different credit model for registry tests: a logistic
 * regression in PMML over the same twenty inputs that thinks almost everyone defaults
 * (PD = σ(2 + 0.1 × pay_0)), with its own verification records, so a challenger's shadow scores
 * differ from the champion's and would change decisions, had they been acted on.
 */
final class ChallengerPmml {

    static final List<String> INPUTS = List.of("limit_bal", "age", "pay_0", "pay_2", "pay_3", "pay_4", "pay_5",
            "pay_6", "bill_amt1", "bill_amt2", "bill_amt3", "bill_amt4", "bill_amt5", "bill_amt6", "pay_amt1",
            "pay_amt2", "pay_amt3", "pay_amt4", "pay_amt5", "pay_amt6");

    private ChallengerPmml() {
    }

    static double probability(int pay0) {
        return 1 / (1 + Math.exp(-(2 + 0.1 * pay0)));
    }

    static String pessimist() {
        StringBuilder pmml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <PMML xmlns="http://www.dmg.org/PMML-4_4" xmlns:data="http://jpmml.org/jpmml-model/InlineTable" version="4.4">
                  <Header description="test challenger: a pessimist"/>
                  <DataDictionary>
                    <DataField name="defaulted" optype="categorical" dataType="string"><Value value="0"/><Value value="1"/></DataField>
                """);
        INPUTS.forEach(input -> pmml.append("    <DataField name=\"").append(input)
                .append("\" optype=\"continuous\" dataType=\"double\"/>\n"));
        pmml.append("""
                  </DataDictionary>
                  <RegressionModel functionName="classification" normalizationMethod="logit">
                    <MiningSchema>
                      <MiningField name="defaulted" usageType="target"/>
                """);
        INPUTS.forEach(input -> pmml.append("      <MiningField name=\"").append(input).append("\"/>\n"));
        pmml.append("""
                    </MiningSchema>
                    <Output>
                      <OutputField name="probability(0)" optype="continuous" dataType="double" feature="probability" value="0"/>
                      <OutputField name="probability(1)" optype="continuous" dataType="double" feature="probability" value="1"/>
                    </Output>
                    <RegressionTable targetCategory="1" intercept="2.0">
                      <NumericPredictor name="pay_0" coefficient="0.1"/>
                    </RegressionTable>
                    <RegressionTable targetCategory="0" intercept="0"/>
                    <ModelVerification recordCount="2">
                      <VerificationFields>
                """);
        INPUTS.forEach(input -> pmml.append("        <VerificationField field=\"").append(input)
                .append("\" column=\"data:").append(input).append("\"/>\n"));
        pmml.append("        <VerificationField field=\"probability(1)\" column=\"data:p1\" precision=\"1e-6\"/>\n");
        pmml.append("      </VerificationFields>\n      <InlineTable>\n");
        for (int pay0 : new int[] {0, 2}) {
            pmml.append("        <row>");
            INPUTS.forEach(input -> pmml.append("<data:").append(input).append('>')
                    .append(input.equals("pay_0") ? pay0 : input.equals("age") ? 30 : 1000)
                    .append("</data:").append(input).append('>'));
            pmml.append("<data:p1>").append(probability(pay0)).append("</data:p1></row>\n");
        }
        pmml.append("""
                      </InlineTable>
                    </ModelVerification>
                  </RegressionModel>
                </PMML>
                """);
        return pmml.toString();
    }
}
