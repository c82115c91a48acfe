package com.swiftlend.standalone;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;

/**
 * Bounds the test server's record of time-skipping lock events, which otherwise grows for as long
 * as the server runs.
 *
 * <p>Temporal's test server (temporal-test-server 1.38) appends an event to
 * {@code SelfAdvancingTimerImpl.lockEvents}, a {@code LinkedList} kept "for debugging purposes
 * only", on every lock and unlock of time skipping, and removes one only when a short-lived lock
 * handle is released, by {@code LinkedList.remove}, a scan from the oldest event. The lock counts
 * taken and released through a request's context, and every unlock event, are never removed. In a
 * test that lives for seconds nobody notices; in the embedded default, which runs for days, the
 * list holds about 24 events per application for ever, and every workflow task, activity
 * completion and timer walks it: after 800 applications the scans were 6 % of all CPU samples, and
 * they grow with uptime (a heap histogram showed 24,603 events after ~1,000 workflows).
 *
 * <p>The list decides nothing: time skipping is governed by the timer's own lock counter, which
 * still refuses an unbalanced unlock. So it is replaced by one that keeps only the most recent
 * events (enough for the diagnostics the server prints on an unbalanced unlock) and answers every
 * removal as found, since an event older than the window was once recorded all the same.
 */
final class TimerLockEvents extends LinkedList<Object> {

    /** Recent enough to read what led to an unbalanced unlock, short enough that a scan is free. */
    static final int KEPT = 256;

    private TimerLockEvents() {
    }

    /**
     * Swaps the server's list for a bounded one, under the timer's own lock, before any workflow
     * runs. Fails loudly if the server's internals changed: a silent no-op would bring the leak
     * back unnoticed on the next upgrade.
     */
    static void bound(TestServicesStarter server) {
        try {
            Object timer = field(TestServicesStarter.class, "selfAdvancingTimer").get(server);
            Lock lock = (Lock) field(timer.getClass(), "lock").get(timer);
            Field events = field(timer.getClass(), "lockEvents");
            lock.lock();
            try {
                TimerLockEvents bounded = new TimerLockEvents();
                bounded.addAll((LinkedList<?>) events.get(timer));
                events.set(timer, bounded);
            } finally {
                lock.unlock();
            }
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Temporal's test server changed; review TimerLockEvents against it", e);
        }
    }

    /** The events the server holds now; for tests. */
    static int held(TestServicesStarter server) {
        try {
            Object timer = field(TestServicesStarter.class, "selfAdvancingTimer").get(server);
            return ((LinkedList<?>) field(timer.getClass(), "lockEvents").get(timer)).size();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    @Override
    public boolean add(Object event) {
        super.add(event);
        if (size() > KEPT) {
            removeFirst();
        }
        return true;
    }

    @Override
    public boolean remove(Object event) {
        super.remove(event);
        return true;
    }
}
