package com.swiftlend.activities.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.records.model.CreditModels;
import com.swiftlend.scoring.CreditModel;
import com.swiftlend.scoring.ShippedModel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The credit model versions this worker scores with: the registry's CHAMPION and its CHALLENGERs,
 * each loaded, verified and warmed once per version. A version never loads on a borrower's
 * request: a background check, every {@code swiftlend.scoring.refresh}, asks the registry which
 * versions serve (one indexed read), loads any new one fully and only then swaps one reference.
 * Until then the versions held keep scoring, so a promotion reaches every worker within the
 * interval plus one load (about 2.3 s, docs/benchmarks.md), without a restart.
 */
@Component
public class ServingModels implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ServingModels.class);

    /** The champion and the challengers, swapped together. */
    record Serving(CreditModel champion, List<CreditModel> challengers) {
    }

    private final CreditModels registry;
    private final ObjectMapper json;
    private final ObjectProvider<MeterRegistry> meters;
    private final ModelStabilityGauge stability;
    private final AtomicReference<Serving> current = new AtomicReference<>();
    /** Versions are immutable once stored; a loaded one serves until it stops serving. */
    private final Map<String, CreditModel> loaded = new ConcurrentHashMap<>();
    /** Challengers that failed to load: not tried again every round, since their files never change. */
    private final Set<String> unloadable = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "credit-model-refresh");
        thread.setDaemon(true);
        return thread;
    });

    ServingModels(CreditModels registry, ObjectMapper json, ObjectProvider<MeterRegistry> meters,
            ModelStabilityGauge stability, ScoringProperties properties) {
        this.registry = registry;
        this.json = json;
        this.meters = meters;
        this.stability = stability;
        ShippedModel shipped = ShippedModel.load();
        registry.seed(shipped.version(), shipped.pmml(), shipped.card(), shipped.featureMapping());
        // The first load happens here, at start-up, before this worker takes any activity.
        refresh();
        long every = properties.refresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    Serving serving() {
        return current.get();
    }

    /** Whether any challenger scores in shadow: when none does, a decision has no shadow scores to read. */
    public boolean scoresChallengers() {
        return !current.get().challengers().isEmpty();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The versions held still serve; the next round tries again.
            log.warn("Could not refresh the credit models; scoring with {} meanwhile",
                    current.get() == null ? "none" : current.get().champion().version(), e);
        }
    }

    synchronized void refresh() {
        CreditModels.Serving serving = registry.serving();
        if (serving.champion() == null) {
            throw new IllegalStateException("No credit model is the champion");
        }
        List<String> loadable = serving.challengers().stream().filter(version -> !unloadable.contains(version))
                .toList();
        Serving held = current.get();
        if (held != null && held.champion().version().equals(serving.champion())
                && held.challengers().stream().map(CreditModel::version).toList().equals(loadable)) {
            return;
        }
        CreditModel champion = load(serving.champion());
        List<CreditModel> challengers = new ArrayList<>();
        for (String version : loadable) {
            try {
                challengers.add(load(version));
            } catch (RuntimeException e) {
                // Verified at upload, so this is unexpected; a challenger never stops the champion.
                log.error("Challenger model {} could not be loaded; it is not scored", version, e);
                unloadable.add(version);
            }
        }
        current.set(new Serving(champion, List.copyOf(challengers)));
        List<String> serves = new ArrayList<>(serving.challengers());
        serves.add(serving.champion());
        loaded.keySet().removeIf(version -> !serves.contains(version));
        log.info("Scoring with credit model {} (was {}), challengers {}", champion.version(),
                held == null ? "none" : held.champion().version(), serving.challengers());
    }

    private CreditModel load(String version) {
        return loaded.computeIfAbsent(version, name -> {
            CreditModels.Files files = registry.files(name).orElseThrow(
                    () -> new IllegalStateException("Credit model " + name + " vanished"));
            long started = System.nanoTime();
            CreditModel model = CreditModel.load(name, files.pmml(),
                    files.featureMappingJson().getBytes(StandardCharsets.UTF_8),
                    files.cardJson().getBytes(StandardCharsets.UTF_8), json);
            log.info("Loaded and verified credit model {} in {} ms", name, (System.nanoTime() - started) / 1_000_000);
            // By name, not the model: a version that stops serving is not kept alive by its gauge.
            meters.ifAvailable(meterRegistry -> Gauge.builder("swiftlend.model.psi", () -> psi(name))
                    .description("Population stability index of the version's live scores against its model card")
                    .tag("version", name).register(meterRegistry));
            return model;
        });
    }

    private double psi(String version) {
        CreditModel model = loaded.get(version);
        return model == null ? Double.NaN : Objects.requireNonNullElse(stability.psi(model), Double.NaN);
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
