package com.swiftlend.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.api.ApiProblems.FieldProblem;
import com.swiftlend.api.ApiProblems.InvalidRequestException;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.records.model.CreditModels;
import com.swiftlend.records.model.CreditScores;
import com.swiftlend.scoring.CreditModel;
import com.swiftlend.scoring.ModelRejectedException;
import com.swiftlend.scoring.ShippedModel;
import com.swiftlend.scoring.Stability;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The credit model registry, for rule editors: upload a version (PMML, model card, feature
 * mapping), stored only once it loads and reproduces its own verification records; make it the
 * champion the rules decide on, a challenger scored in shadow, or retire it. Every change is in
 * the hash-chained audit trail with the editor from the token, and reaches every worker within
 * {@code swiftlend.scoring.refresh} plus one load, without a restart.
 */
@RestController
@RequestMapping("/api/v1/models")
class CreditModelController implements InitializingBean {

    static final URI REJECTED_MODEL = URI.create("https://swiftlend.dev/problems/model-rejected");
    static final URI UNKNOWN_MODEL = URI.create("https://swiftlend.dev/problems/unknown-model");
    static final URI MODEL_EXISTS = URI.create("https://swiftlend.dev/problems/model-exists");
    static final URI WRONG_ROLE = URI.create("https://swiftlend.dev/problems/model-role");

    /** The card's headline figures, what a list shows. */
    record CardSummary(String dataset, Double auc, Double ks, Double gini) {
    }

    record Summary(String version, CreditModels.Role role, CardSummary card, String pmmlSha256, String registeredBy,
            Instant registeredAt, Instant roleChangedAt) {
    }

    record Detail(String version, CreditModels.Role role, JsonNode card, JsonNode featureMapping, String pmmlSha256,
            String registeredBy, Instant registeredAt, Instant roleChangedAt) {
    }

    private final CreditModels models;
    private final CreditScores scores;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final int stabilityScores;

    CreditModelController(CreditModels models, CreditScores scores, AuditTrail audit, TransactionTemplate transactions,
            ObjectMapper json, Clock clock, @Value("${swiftlend.scoring.stability-scores:" + Stability.DEFAULT_WINDOW + "}") int stabilityScores) {
        this.models = models;
        this.scores = scores;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.stabilityScores = stabilityScores;
    }

    /** The API may start before any worker: the registry must not be empty on a new database. */
    @Override
    public void afterPropertiesSet() {
        ShippedModel shipped = ShippedModel.load();
        models.seed(shipped.version(), shipped.pmml(), shipped.card(), shipped.featureMapping());
    }

    @Operation(summary = "Every credit model version, newest first, with its role and its card's data set, AUC, KS and Gini")
    @GetMapping
    List<Summary> list() {
        return models.list().stream().map(this::summary).toList();
    }

    @Operation(summary = "One version with its whole model card and feature mapping")
    @GetMapping("/{version}")
    Detail version(@PathVariable String version) {
        CreditModels.Version found = known(version);
        CreditModels.Files files = models.files(version).orElseThrow();
        return new Detail(found.version(), found.role(), tree(files.cardJson()), tree(files.featureMappingJson()),
                found.pmmlSha256(), found.registeredBy(), found.registeredAt(), found.roleChangedAt());
    }

    @Operation(summary = "Upload a version (multipart: pmml, card, featureMapping): 201 only once the PMML loads and"
            + " reproduces its own verification records; 422 says why not, and nothing changes")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Summary> upload(@RequestPart("pmml") MultipartFile pmml, @RequestPart("card") MultipartFile card,
            @RequestPart("featureMapping") MultipartFile featureMapping, Authentication editor) throws IOException {
        byte[] pmmlBytes = pmml.getBytes();
        byte[] cardBytes = card.getBytes();
        byte[] mappingBytes = featureMapping.getBytes();
        List<FieldProblem> problems = new ArrayList<>();
        JsonNode cardJson = jsonObject("card", cardBytes, problems);
        jsonObject("featureMapping", mappingBytes, problems);
        if (pmmlBytes.length == 0) {
            problems.add(new FieldProblem("pmml", "must not be empty"));
        }
        String version = cardJson == null ? "" : cardJson.path("version").asText("");
        if (cardJson != null && !version.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            problems.add(new FieldProblem("card.version", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        if (models.find(version).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, MODEL_EXISTS, "Model version " + version
                    + " is registered already; a version's files never change, so upload it under a new version.");
        }
        // Throws ModelRejectedException (422) when it cannot serve; the registry is untouched.
        CreditModel.load(version, pmmlBytes, mappingBytes, cardBytes, json);
        CreditModels.Files files = new CreditModels.Files(pmmlBytes, new String(cardBytes, StandardCharsets.UTF_8),
                new String(mappingBytes, StandardCharsets.UTF_8));
        CreditModels.Version registered;
        try {
            registered = transactions.execute(status -> {
                CreditModels.Version stored = models.register(version, files, editor.getName());
                audit.append(new AuditEvent.ModelChanged(version, "REGISTERED", editor.getName(), clock.instant(),
                        digest(version), null));
                return stored;
            });
        } catch (DuplicateKeyException e) {
            // The same version uploaded twice at once: the first stored it.
            throw new ApiException(HttpStatus.CONFLICT, MODEL_EXISTS, "Model version " + version
                    + " is registered already.");
        }
        return ResponseEntity.created(URI.create("/api/v1/models/" + version)).body(summary(registered));
    }

    @Operation(summary = "Make a version the champion the rules decide on; the champion before it is retired."
            + " Promoting an earlier version rolls back")
    @PostMapping("/{version}/champion")
    Summary champion(@PathVariable String version, Authentication editor) {
        CreditModels.Version candidate = known(version);
        if (candidate.role() == CreditModels.Role.CHAMPION) {
            throw new ApiException(HttpStatus.CONFLICT, WRONG_ROLE, "Model " + version + " is the champion already.");
        }
        return change(version, "CHAMPION", editor, () -> models.promote(version).orElse(null));
    }

    @Operation(summary = "Score a registered or retired version in shadow on every application; its scores are"
            + " stored and never acted on")
    @PostMapping("/{version}/challenger")
    Summary challenger(@PathVariable String version, Authentication editor) {
        CreditModels.Version candidate = known(version);
        return change(version, "CHALLENGER", editor, () -> {
            if (!models.challenge(version)) {
                throw new ApiException(HttpStatus.CONFLICT, WRONG_ROLE, "Model " + version + " is "
                        + candidate.role() + "; only a REGISTERED or RETIRED version can become a challenger.");
            }
            return null;
        });
    }

    @Operation(summary = "Stop a challenger or a registered version; the champion is replaced by promoting another")
    @PostMapping("/{version}/retire")
    Summary retire(@PathVariable String version, Authentication editor) {
        CreditModels.Version candidate = known(version);
        return change(version, "RETIRED", editor, () -> {
            if (!models.retire(version)) {
                throw new ApiException(HttpStatus.CONFLICT, WRONG_ROLE, "Model " + version + " is "
                        + candidate.role() + "; the champion is never retired this way: promote another version.");
            }
            return null;
        });
    }

    @Operation(summary = "Population stability index of the version's live scores against its card's test distribution")
    @GetMapping("/{version}/stability")
    Stability.Report stability(@PathVariable String version) {
        known(version);
        CreditModels.Files files = models.files(version).orElseThrow();
        CreditModel.ScoreCard card = CreditModel.ScoreCard.parse(files.cardJson().getBytes(StandardCharsets.UTF_8),
                json);
        return Stability.of(card, scores.recentScores(version, stabilityScores));
    }

    @ExceptionHandler(ModelRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ModelRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "This model cannot serve: " + e.getMessage());
        problem.setType(REJECTED_MODEL);
        problem.setTitle("Model rejected");
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    private interface RoleChange {
        String apply();
    }

    private Summary change(String version, String change, Authentication editor, RoleChange roleChange) {
        try {
            return transactions.execute(status -> {
                String previous = roleChange.apply();
                Instant now = clock.instant();
                audit.append(new AuditEvent.ModelChanged(version, change, editor.getName(), now, digest(version),
                        previous));
                if (previous != null) {
                    // The champion a promotion replaced stopped serving: on the trail in its own right.
                    audit.append(new AuditEvent.ModelChanged(previous, "RETIRED", editor.getName(), now,
                            digest(previous), null));
                }
                return summary(models.find(version).orElseThrow());
            });
        } catch (DuplicateKeyException e) {
            // Two promotions at once: the one-champion index let the first win.
            throw new ApiException(HttpStatus.CONFLICT, WRONG_ROLE, "Another model was made the champion meanwhile.");
        }
    }

    private CreditModels.Version known(String version) {
        return models.find(version).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, UNKNOWN_MODEL,
                "No credit model version is named " + version));
    }

    private Summary summary(CreditModels.Version version) {
        JsonNode card = tree(version.cardJson());
        return new Summary(version.version(), version.role(), new CardSummary(card.path("dataset").path("name")
                .asText(card.path("dataset").asText(null)), number(card, "auc"), number(card, "ks"),
                number(card, "gini")), version.pmmlSha256(), version.registeredBy(), version.registeredAt(),
                version.roleChangedAt());
    }

    private static Double number(JsonNode card, String field) {
        return card.path(field).isNumber() ? card.path(field).asDouble() : null;
    }

    private JsonNode jsonObject(String field, byte[] bytes, List<FieldProblem> problems) {
        try {
            JsonNode node = json.readTree(bytes);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        problems.add(new FieldProblem(field, "must be a JSON object"));
        return null;
    }

    private JsonNode tree(String stored) {
        try {
            return json.readTree(stored);
        } catch (IOException e) {
            throw new IllegalStateException("A stored model has unreadable JSON", e);
        }
    }

    /** Over the version's content as stored (the card and mapping as PostgreSQL keeps JSON): the same at every change. */
    private String digest(String version) {
        return audit.digest(models.identity(version).orElseThrow());
    }
}
