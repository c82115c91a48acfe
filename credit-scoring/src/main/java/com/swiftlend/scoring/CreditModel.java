package com.swiftlend.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.workflows.scoring.ScoreReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dmg.pmml.Model;
import org.dmg.pmml.ModelVerification;
import org.jpmml.evaluator.Computable;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.FieldValue;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.jpmml.evaluator.ModelEvaluator;
import org.jpmml.evaluator.OutputField;

/**
 * One version of the credit model, loaded, verified and warmed: scoring is then a pure in-memory
 * call. Loading refuses (with {@link ModelRejectedException}) a PMML that does not parse, carries
 * no verification records or does not reproduce them, and a feature mapping or card that does
 * not fit it, so a version that loads here can serve.
 *
 * <p>Reason codes are points below a reference: for each reason group, the score the applicant
 * would get were that group's inputs at the reference values (the median client who repaid),
 * minus their score. The groups that cost the most points, and at least {@value #MIN_POINTS}, are
 * the reasons, worst first. One evaluation per group: exact for the model as served, with no
 * second model to drift from it, and cheap for shallow trees.
 */
public final class CreditModel {

    /** A reason must cost at least this many points to be told: smaller effects are noise. */
    static final int MIN_POINTS = 3;
    static final int MAX_REASONS = 4;

    /** A score: probability of default, its points and band, and what lowered it most. */
    public record Score(double probabilityOfDefault, int points, String band, List<ScoreReason> reasons) {
    }

    /** Why an applicant cannot be scored: a reason code and the input it is about. */
    public static final class UnscorableException extends RuntimeException {

        private final String code;

        UnscorableException(String code, String detail) {
            super(detail);
            this.code = code;
        }

        /** NO_BUREAU_HISTORY, MODEL_INPUT_MISSING or MODEL_INPUT_OUT_OF_RANGE, and what the applicant is told. */
        public ScoreReason reason() {
            return new ScoreReason(code, "We could not score your credit record (" + getMessage()
                    + "), so the decision did not use a score.", 0);
        }
    }

    private record Prepared(InputField field, FeatureMapping.Source source) {
    }

    private final String version;
    private final Evaluator evaluator;
    private final FeatureMapping mapping;
    private final ScoreCard card;
    private final List<Prepared> inputs;
    private final Map<String, FieldValue> referenceValues;

    private CreditModel(String version, Evaluator evaluator, FeatureMapping mapping, ScoreCard card) {
        this.version = version;
        this.evaluator = evaluator;
        this.mapping = mapping;
        this.card = card;
        this.inputs = evaluator.getInputFields().stream()
                .map(field -> new Prepared(field, mapping.inputs().get(field.getName()))).toList();
        this.referenceValues = new HashMap<>();
        for (Prepared input : inputs) {
            Double reference = mapping.reference().get(input.field().getName());
            if (reference != null) {
                referenceValues.put(input.field().getName(), input.field().prepare(reference));
            }
        }
    }

    /**
     * Loads a version and proves it: the PMML reproduces its own verification records, every
     * input has a source and every source an input, the output is there, then warms it up.
     */
    public static CreditModel load(String version, byte[] pmml, byte[] featureMapping, byte[] card,
            ObjectMapper mapper) {
        FeatureMapping mapping = FeatureMapping.parse(featureMapping, mapper);
        ScoreCard scoreCard = ScoreCard.parse(card, mapper);
        if (!version.equals(mapping.modelVersion()) || !version.equals(scoreCard.version())) {
            throw new ModelRejectedException("the card (" + scoreCard.version() + ") and the feature mapping ("
                    + mapping.modelVersion() + ") must both name version " + version);
        }
        // No document type, so no entity expansion or external entity in an uploaded file, whatever
        // the XML parser underneath allows (the rule sets refuse them the same way).
        if (new String(pmml, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT)
                .contains("<!DOCTYPE")) {
            throw new ModelRejectedException("the PMML has a DOCTYPE, which is not allowed");
        }
        Evaluator evaluator;
        try {
            evaluator = new LoadingModelEvaluatorBuilder().setLocatable(false).load(new ByteArrayInputStream(pmml))
                    .build();
        } catch (Exception | StackOverflowError e) {
            throw new ModelRejectedException("the PMML does not load: " + e.getMessage(), e);
        }
        Model model = ((ModelEvaluator<?>) evaluator).getModel();
        ModelVerification verification = model.getModelVerification();
        if (verification == null || verification.getInlineTable() == null
                || verification.getInlineTable().getRows().isEmpty()) {
            throw new ModelRejectedException("the PMML has no ModelVerification records, so it cannot prove it"
                    + " reproduces the predictions it was trained to make");
        }
        try {
            evaluator.verify();
        } catch (RuntimeException e) {
            throw new ModelRejectedException("the PMML does not reproduce its own verification records: "
                    + e.getMessage(), e);
        }
        Set<String> modelInputs = evaluator.getInputFields().stream().map(InputField::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!modelInputs.equals(new TreeSet<>(mapping.inputs().keySet()))) {
            throw new ModelRejectedException("the feature mapping's inputs " + new TreeSet<>(mapping.inputs().keySet())
                    + " are not the PMML's inputs " + modelInputs);
        }
        if (evaluator.getOutputFields().stream().map(OutputField::getName).noneMatch(mapping.output()::equals)) {
            throw new ModelRejectedException("the PMML has no output " + mapping.output());
        }
        try {
            CreditModel loaded = new CreditModel(version, evaluator, mapping, scoreCard);
            loaded.warmUp();
            return loaded;
        } catch (RuntimeException e) {
            // E.g. an output that is no probability, or a reference value an input cannot take.
            throw new ModelRejectedException("the model cannot score the reference client of its mapping: "
                    + e.getMessage(), e);
        }
    }

    public String version() {
        return version;
    }

    public ScoreCard card() {
        return card;
    }

    /**
     * Scores an applicant. Every input must have a value within its range: a missing or
     * out-of-range one is refused, never scored as missing (which JPMML would do silently).
     *
     * @throws UnscorableException when an input is missing or out of range
     */
    public Score score(FeatureMapping.Applicant applicant) {
        if (applicant.history() == null) {
            throw new UnscorableException("NO_BUREAU_HISTORY", "the credit bureau reported no repayment history");
        }
        Map<String, FieldValue> arguments = new LinkedHashMap<>();
        for (Prepared input : inputs) {
            Double value = input.source().value(applicant);
            String name = input.field().getName();
            if (value == null) {
                throw new UnscorableException("MODEL_INPUT_MISSING", name + " (" + input.source().path()
                        + ") has no value");
            }
            FeatureMapping.Field field = input.source().field();
            if (value.isNaN() || value < field.min || value > field.max) {
                throw new UnscorableException("MODEL_INPUT_OUT_OF_RANGE", name + " (" + input.source().path()
                        + ") is " + value + ", outside " + field.min + ".." + field.max);
            }
            arguments.put(name, input.field().prepare(value));
        }
        double probability = probability(arguments);
        int points = card.points(probability);
        List<ScoreReason> reasons = new ArrayList<>();
        for (FeatureMapping.ReasonGroup group : mapping.reasons()) {
            Map<String, FieldValue> atReference = new LinkedHashMap<>(arguments);
            group.inputs().forEach(name -> atReference.put(name, referenceValues.get(name)));
            int below = card.points(probability(atReference)) - points;
            if (below >= MIN_POINTS) {
                reasons.add(new ScoreReason(group.code(), group.text(), below));
            }
        }
        reasons.sort(Comparator.comparingInt(ScoreReason::points).reversed().thenComparing(ScoreReason::code));
        return new Score(probability, points, card.band(points),
                List.copyOf(reasons.subList(0, Math.min(MAX_REASONS, reasons.size()))));
    }

    private double probability(Map<String, FieldValue> arguments) {
        Object value = evaluator.evaluate(arguments).get(mapping.output());
        if (value instanceof Computable computable) {
            value = computable.getResult();
        }
        if (!(value instanceof Number number) || !(number.doubleValue() >= 0 && number.doubleValue() <= 1)) {
            throw new IllegalStateException("model " + version + " gave no probability in " + mapping.output());
        }
        return number.doubleValue();
    }

    /**
     * The first evaluations are slow (class loading, JIT); pay for them at load, never on a
     * borrower's request: the reference client and variations of their repayment status.
     */
    private void warmUp() {
        for (int i = 0; i < 300; i++) {
            Map<String, FieldValue> arguments = new LinkedHashMap<>(referenceValues);
            for (Prepared input : inputs) {
                if (input.source().field() == FeatureMapping.Field.REPAYMENT_STATUS) {
                    arguments.put(input.field().getName(), input.field().prepare((double) (i % 5 - 1)));
                }
            }
            if (arguments.size() == inputs.size()) {
                probability(arguments);
            }
        }
    }

    /** The model card's parts that serving reads: its points scale, bands and test score distribution. */
    public record ScoreCard(String version, int baseScore, double baseOdds, int pointsToDoubleOdds, List<Band> bands,
            List<Integer> binLowerEdges, List<Integer> binCounts) {

        public record Band(String name, int from, int to) {
        }

        public static ScoreCard parse(byte[] card, ObjectMapper mapper) {
            JsonNode root;
            try {
                root = mapper.readTree(card);
            } catch (IOException e) {
                throw new ModelRejectedException("the model card is not JSON: " + e.getMessage());
            }
            if (root == null || !root.isObject()) {
                throw new ModelRejectedException("the model card is not a JSON object");
            }
            JsonNode scale = root.path("scoreScale");
            if (!scale.path("baseScore").isNumber() || !scale.path("baseOdds").isNumber()
                    || scale.path("pointsToDoubleOdds").asInt() <= 0) {
                throw new ModelRejectedException("the model card has no scoreScale (baseScore, baseOdds,"
                        + " pointsToDoubleOdds)");
            }
            List<Band> bands = new ArrayList<>();
            root.path("scoreBands").forEach(band -> bands.add(new Band(band.path("band").asText(),
                    band.path("fromScore").asInt(), band.path("toScore").asInt())));
            if (bands.isEmpty()) {
                throw new ModelRejectedException("the model card has no scoreBands");
            }
            List<Integer> edges = new ArrayList<>();
            root.path("testScores").path("binLowerEdges").forEach(edge -> edges.add(edge.asInt()));
            List<Integer> counts = new ArrayList<>();
            root.path("testScores").path("binCounts").forEach(count -> counts.add(count.asInt()));
            if (counts.size() != edges.size() + 1 || counts.stream().mapToInt(Integer::intValue).sum() == 0) {
                throw new ModelRejectedException("the model card's testScores need binLowerEdges and one more"
                        + " binCounts, the distribution a stability index compares live scores with");
            }
            for (String required : List.of("dataset", "auc", "ks", "gini")) {
                if (root.path(required).isMissingNode()) {
                    throw new ModelRejectedException("the model card has no " + required);
                }
            }
            return new ScoreCard(root.path("version").asText(""), scale.path("baseScore").asInt(),
                    scale.path("baseOdds").asDouble(), scale.path("pointsToDoubleOdds").asInt(), List.copyOf(bands),
                    List.copyOf(edges), List.copyOf(counts));
        }

        public int points(double probabilityOfDefault) {
            return points(probabilityOfDefault, baseScore, baseOdds, pointsToDoubleOdds);
        }

        /**
         * score = offset + factor × ln(odds of repaying), factor = PDO / ln 2, offset = base score −
         * factor × ln(base odds), clamped to 300..850: the one formula, for serving and for the
         * training that writes the card's bands.
         */
        public static int points(double probabilityOfDefault, int baseScore, double baseOdds, int pointsToDoubleOdds) {
            double p = Math.min(Math.max(probabilityOfDefault, 1e-9), 1 - 1e-9);
            double factor = pointsToDoubleOdds / Math.log(2);
            double offset = baseScore - factor * Math.log(baseOdds);
            return (int) Math.max(300, Math.min(850, Math.round(offset + factor * Math.log((1 - p) / p))));
        }

        public String band(int points) {
            return bands.stream().filter(band -> points >= band.from() && points <= band.to()).map(Band::name)
                    .findFirst().orElse(null);
        }

        /** Which of the test distribution's bins a score falls in. */
        public int bin(int points) {
            int bin = 0;
            while (bin < binLowerEdges.size() && points >= binLowerEdges.get(bin)) {
                bin++;
            }
            return bin;
        }
    }
}
