package com.swiftlend.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy change the rule-set tests make: the new customer's low- and moderate-risk caps (20000,
 * 8000) lowered to 1500, with the test cases that expect the old caps updated. Both bands, because a
 * creditworthy applicant lands in either, depending on their simulated record.
 */
final class RuleSetEdits {

    static final BigDecimal LOWERED_CAP = new BigDecimal("1500");

    private RuleSetEdits() {
    }

    static String lowerNewCustomerCaps(String dmnXml) {
        return dmnXml.replaceFirst("(id=\"rule_low_risk_out_maxAmount\">\\s*<text>)20000(</text>)", "$11500$2")
                .replaceFirst("(id=\"rule_moderate_risk_out_maxAmount\">\\s*<text>)8000(</text>)", "$11500$2");
    }

    static List<JsonNode> withLoweredCaps(JsonNode testCases) {
        List<JsonNode> cases = new ArrayList<>();
        for (JsonNode testCase : testCases) {
            ObjectNode copy = testCase.deepCopy();
            JsonNode expected = copy.get("expected");
            String reasons = expected.path("reasons").toString();
            if ((reasons.equals("[\"LOW_RISK\"]") || reasons.equals("[\"MODERATE_RISK\"]"))
                    && expected.path("outcome").asText().equals("APPROVE")
                    && expected.path("approvedAmount").decimalValue().compareTo(LOWERED_CAP) > 0) {
                ((ObjectNode) expected).put("approvedAmount", LOWERED_CAP);
            }
            cases.add(copy);
        }
        return cases;
    }
}
