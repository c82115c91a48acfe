package com.swiftlend.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.workflows.risk.BureauHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feature mapping shipped with a model ({@code <version>.features.json}): each PMML input by
 * name with where the flow takes its value from, the output that is the probability of default,
 * the reference values reason codes are measured against, and the reason groups. Source paths are
 * the only contract between a model and the flow: a path this code does not know refuses the model
 * at upload, never at a borrower's request.
 */
public record FeatureMapping(String modelVersion, int mappingVersion, Map<String, Source> inputs, String output,
        Map<String, Double> reference, List<ReasonGroup> reasons) {

    /** The mapping versions this code reads; version 1 had no reason groups. */
    static final int SUPPORTED_VERSION = 2;

    /** What the applicant's record gives a model: their age, and the bureau's repayment history. */
    public record Applicant(Integer age, BureauHistory history) {
    }

    /** A group of inputs reported as one reason code, with the text the applicant is told. */
    public record ReasonGroup(String code, List<String> inputs, String text) {
    }

    /**
     * Where an input's value comes from, and the values it may take: a value outside them is
     * refused, never scored (the data set's own ranges, with room for larger accounts).
     */
    enum Field {
        CREDIT_LIMIT("bureau.creditLimit", false, 0, 100_000_000),
        AGE("applicant.age", false, 18, 120),
        REPAYMENT_STATUS("bureau.repaymentStatus", true, -2, 9),
        BILL_AMOUNT("bureau.billAmounts", true, -100_000_000, 100_000_000),
        PAID_AMOUNT("bureau.paidAmounts", true, 0, 100_000_000);

        final String path;
        final boolean monthly;
        final double min;
        final double max;

        Field(String path, boolean monthly, double min, double max) {
            this.path = path;
            this.monthly = monthly;
            this.min = min;
            this.max = max;
        }
    }

    /** One input's source: a field and, for a monthly one, the month (0 is the newest). */
    record Source(String path, Field field, int month) {

        private static final Pattern PATH = Pattern.compile("([a-zA-Z.]+)(?:\\[([0-5])])?");

        static Source parse(String path) {
            Matcher matcher = PATH.matcher(path);
            if (matcher.matches()) {
                for (Field field : Field.values()) {
                    if (field.path.equals(matcher.group(1)) && field.monthly == (matcher.group(2) != null)) {
                        return new Source(path, field, field.monthly ? Integer.parseInt(matcher.group(2)) : 0);
                    }
                }
            }
            throw new ModelRejectedException("the feature mapping names a source the flow does not supply: " + path);
        }

        /** The value, or null when the applicant's record has none. */
        Double value(Applicant applicant) {
            BureauHistory history = applicant.history();
            return switch (field) {
                case AGE -> applicant.age() == null ? null : applicant.age().doubleValue();
                case CREDIT_LIMIT -> history == null ? null : (double) history.creditLimit();
                case REPAYMENT_STATUS -> history == null ? null : month(history.repaymentStatus());
                case BILL_AMOUNT -> history == null ? null : month(history.billAmounts());
                case PAID_AMOUNT -> history == null ? null : month(history.paidAmounts());
            };
        }

        private Double month(List<? extends Number> months) {
            return months.size() > month && months.get(month) != null ? months.get(month).doubleValue() : null;
        }
    }

    public static FeatureMapping parse(byte[] json, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new ModelRejectedException("the feature mapping is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ModelRejectedException("the feature mapping is not a JSON object");
        }
        int mappingVersion = root.path("mappingVersion").asInt(-1);
        if (mappingVersion != SUPPORTED_VERSION) {
            throw new ModelRejectedException("the feature mapping has mappingVersion " + root.path("mappingVersion")
                    + "; this release reads version " + SUPPORTED_VERSION);
        }
        Map<String, Source> inputs = new LinkedHashMap<>();
        root.path("inputs").fields().forEachRemaining(entry -> inputs.put(entry.getKey(),
                Source.parse(entry.getValue().asText())));
        if (inputs.isEmpty()) {
            throw new ModelRejectedException("the feature mapping has no inputs");
        }
        Map<String, Double> reference = new LinkedHashMap<>();
        root.path("reference").fields().forEachRemaining(entry -> reference.put(entry.getKey(),
                entry.getValue().isNumber() ? entry.getValue().asDouble() : null));
        List<ReasonGroup> reasons = new ArrayList<>();
        for (JsonNode group : root.path("reasons")) {
            List<String> members = new ArrayList<>();
            group.path("inputs").forEach(member -> members.add(member.asText()));
            ReasonGroup reason = new ReasonGroup(group.path("code").asText(), List.copyOf(members),
                    group.path("text").asText());
            for (String member : members) {
                if (!inputs.containsKey(member) || reference.get(member) == null) {
                    throw new ModelRejectedException("reason " + reason.code() + " names " + member
                            + ", which is not an input with a reference value");
                }
            }
            if (reason.code().isBlank() || reason.text().isBlank() || members.isEmpty()) {
                throw new ModelRejectedException("every reason needs a code, a text and inputs");
            }
            reasons.add(reason);
        }
        String output = root.path("output").asText("");
        if (output.isBlank()) {
            throw new ModelRejectedException("the feature mapping does not name the output that is the probability");
        }
        return new FeatureMapping(root.path("modelVersion").asText(""), mappingVersion, inputs, output,
                reference, List.copyOf(reasons));
    }
}
