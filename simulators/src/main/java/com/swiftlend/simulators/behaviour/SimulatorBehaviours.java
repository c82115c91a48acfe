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
        int latencyMs = random.nextInt(behaviour.latencyMinMs(), behaviour.latencyMaxMs() + 1);
        if (latencyMs > 0) {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (random.nextDouble() < behaviour.failureRate()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "simulated outage");
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        }
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
