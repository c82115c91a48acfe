package com.swiftlend.simulators.behaviour;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Current behaviour of every party. Changed at run time by tests and operators, so it lives in memory
 * and is read on every simulated call.
 */
public class SimulatorBehaviours {

    private final Map<Party, Behaviour> defaults;
    private final Map<Party, Behaviour> current = new ConcurrentHashMap<>();

    public SimulatorBehaviours(Map<Party, Behaviour> defaults) {
        for (Party party : Party.values()) {
            if (!defaults.containsKey(party)) {
                throw new IllegalArgumentException("no default behaviour for " + party.slug());
            }
        }
        this.defaults = new EnumMap<>(defaults);
        this.current.putAll(defaults);
    }

    /**
     * Plays the party's latency and, with its failure rate, an outage. Callers invoke this before
     * touching any state, so a call that fails here left nothing behind and is safe to retry.
     */
    public void simulateCall(Party party) {
        Behaviour behaviour = current(party);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        pause(random.nextInt(behaviour.latencyMinMs(), behaviour.latencyMaxMs() + 1));
        if (random.nextDouble() < behaviour.failureRate()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "simulated outage");
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        }
    }

    /**
     * Plays a party that did the work but answers late: callers invoke this after the outcome is
     * recorded, so a caller whose read timeout fires meanwhile cannot tell "paid" from "not paid".
     */
    public void stallAfterProcessing(Party party) {
        Behaviour behaviour = current(party);
        if (ThreadLocalRandom.current().nextDouble() < behaviour.timeoutAfterPayingRate()) {
            pause(behaviour.stallMs());
        }
    }

    /** Drawn once per new payout; a manual channel is pending whatever this says. */
    public boolean answersPending(Party party) {
        return ThreadLocalRandom.current().nextDouble() < current(party).pendingRate();
    }

    /** Drawn once per new funding request, never again for the same application. */
    public boolean refuses(Party party) {
        return ThreadLocalRandom.current().nextDouble() < current(party).refusalRate();
    }

    private static void pause(int millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the party does after a reset: the startup configuration. */
    public Behaviour configured(Party party) {
        return defaults.get(party);
    }

    public Behaviour current(Party party) {
        return current.get(party);
    }

    public Behaviour change(Party party, Behaviour behaviour) {
        current.put(party, behaviour);
        return behaviour;
    }

    public Behaviour reset(Party party) {
        Behaviour configured = defaults.get(party);
        current.put(party, configured);
        return configured;
    }
}
