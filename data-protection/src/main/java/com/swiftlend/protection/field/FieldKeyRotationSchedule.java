package com.swiftlend.protection.field;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Runs {@link FieldKeyRotation} in the background once the application is ready (so start-up and
 * the first requests never wait for it), once and/or every interval. One daemon thread: a run
 * never overlaps the previous one.
 */
public class FieldKeyRotationSchedule implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FieldKeyRotationSchedule.class);

    private final FieldKeyRotation rotation;
    private final boolean once;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public FieldKeyRotationSchedule(FieldKeyRotation rotation, boolean once, Duration interval) {
        this.rotation = rotation;
        this.once = once;
        this.interval = interval;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        if (executor != null || (!once && interval == null)) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "swiftlend-field-key-rotation");
            thread.setDaemon(true);
            return thread;
        });
        if (interval != null) {
            executor.scheduleWithFixedDelay(this::run, once ? 0 : interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            executor.execute(this::run);
        }
    }

    private void run() {
        try {
            FieldKeyRotation.Result result = rotation.reencrypt();
            if (result.rewritten() > 0 || result.skipped() > 0) {
                log.info("Personal data re-encrypted under field key version {}: {} rows rewritten, {} changed "
                        + "meanwhile and left for the next run", result.keyVersion(), result.rewritten(),
                        result.skipped());
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and keep the schedule alive.
            log.error("Re-encrypting personal data failed; the next run retries", e);
        }
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
