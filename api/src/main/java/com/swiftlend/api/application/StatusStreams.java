package com.swiftlend.api.application;

import com.swiftlend.records.application.PublishedStatus;
import com.swiftlend.records.application.PublishedStatuses;
import com.swiftlend.workflows.application.ApplicationStatus;
import com.swiftlend.workflows.application.ApplicationStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live status streams: each open stream sends its application's revisions, in order, from the
 * revision after the one the client last saw, and ends after the revision that completes the
 * application. The revisions come from the database (each is kept whole in the status history),
 * so a stream on any API replica, or one resumed with Last-Event-ID, sends exactly the revisions
 * the client has not seen. Redis pub/sub only says when to look: the records announce every new
 * revision after it commits; a periodic recheck covers an announcement that was lost.
 */
@Component
class StatusStreams implements MessageListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StatusStreams.class);
    static final String EVENT = "status";

    private final PublishedStatuses published;
    private final StatusStreamProperties properties;
    private final Map<UUID, Set<Stream>> open = new ConcurrentHashMap<>();
    private final AtomicInteger openCount = new AtomicInteger();
    private final ExecutorService senders;
    private final ScheduledExecutorService rechecks;

    StatusStreams(PublishedStatuses published, StatusStreamProperties properties) {
        this.published = published;
        this.properties = properties;
        this.senders = Executors.newFixedThreadPool(properties.senders(), daemon("status-stream-sender"));
        this.rechecks = Executors.newSingleThreadScheduledExecutor(daemon("status-stream-recheck"));
        long every = properties.recheckInterval().toMillis();
        rechecks.scheduleWithFixedDelay(this::recheckAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether this replica may open one more stream. */
    boolean hasRoom() {
        return openCount.get() < properties.maxOpen();
    }

    /**
     * Opens a stream of the application's revisions after {@code lastSeen} (-1: from the
     * first). The caller has checked that the client may see the application.
     */
    SseEmitter open(UUID id, int lastSeen) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Stream stream = new Stream(id, emitter, lastSeen);
        open.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet()).add(stream);
        openCount.incrementAndGet();
        emitter.onCompletion(() -> close(stream));
        emitter.onTimeout(() -> close(stream));
        emitter.onError(error -> close(stream));
        // Subscribed before the first read, so a revision committed meanwhile is not missed.
        submit(stream);
        return emitter;
    }

    /** An announcement from the records: {@code message} is the id of an application with a new revision. */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        UUID id;
        try {
            id = UUID.fromString(new String(message.getBody(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notAnId) {
            return;
        }
        Set<Stream> streams = open.get(id);
        if (streams != null) {
            streams.forEach(this::submit);
        }
    }

    private void recheckAll() {
        open.values().forEach(streams -> streams.forEach(stream -> {
            stream.keepAlive();
            submit(stream);
        }));
    }

    private void submit(Stream stream) {
        try {
            senders.execute(stream::catchUp);
        } catch (RejectedExecutionException shuttingDown) {
            stream.emitter.complete();
        }
    }

    private void close(Stream stream) {
        Set<Stream> streams = open.get(stream.application);
        if (streams != null && streams.remove(stream)) {
            openCount.decrementAndGet();
            open.computeIfPresent(stream.application, (key, remaining) -> remaining.isEmpty() ? null : remaining);
        }
    }

    @Override
    public void destroy() {
        rechecks.shutdownNow();
        senders.shutdownNow();
        open.values().forEach(streams -> streams.forEach(stream -> stream.emitter.complete()));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One client's stream: what it has been sent so far, and whether it is over. */
    private final class Stream {

        private final UUID application;
        private final SseEmitter emitter;
        private int lastSent;
        private boolean finished;

        Stream(UUID application, SseEmitter emitter, int lastSeen) {
            this.application = application;
            this.emitter = emitter;
            this.lastSent = lastSeen;
        }

        /** Sends every revision after the last one sent; serialised, so the order holds. */
        synchronized void catchUp() {
            if (finished) {
                return;
            }
            try {
                for (ApplicationStatus revision : published.revisionsAfter(application, lastSent)) {
                    if (!send(revision)) {
                        return;
                    }
                }
                // The submission (revision 0) and revisions recorded before snapshots were kept
                // have no snapshot: the latest status stands for them.
                PublishedStatus latest = published.find(application).orElse(null);
                if (latest == null) {
                    return;
                }
                ApplicationStatus status = latest.toStatus();
                if (status.revision() > lastSent) {
                    send(status);
                } else if (status.step() == ApplicationStep.COMPLETED) {
                    // Resumed after the last revision: nothing more will come.
                    finish();
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                finish();
            } catch (RuntimeException unavailable) {
                // The database is away: the next announcement or recheck tries again.
                log.warn("Live status of {} not read: {}", application, unavailable.toString());
            }
        }

        /** @return whether the stream goes on */
        private boolean send(ApplicationStatus status) throws IOException {
            emitter.send(SseEmitter.event().id(Integer.toString(status.revision())).name(EVENT)
                    .data(status, MediaType.APPLICATION_JSON));
            lastSent = status.revision();
            if (status.step() == ApplicationStep.COMPLETED) {
                finish();
                emitter.complete();
                return false;
            }
            return true;
        }

        synchronized void keepAlive() {
            if (finished) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                finish();
            }
        }

        private void finish() {
            finished = true;
            close(this);
        }
    }
}
