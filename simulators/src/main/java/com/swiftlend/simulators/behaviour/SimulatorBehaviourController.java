package com.swiftlend.simulators.behaviour;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Not itself subject to latency or outages: an operator must be able to end an outage it started. */
@RestController
@RequestMapping("/simulators/{party}/behaviour")
@ConditionalOnSimulatorsEnabled
class SimulatorBehaviourController {

    private final SimulatorBehaviours behaviours;

    SimulatorBehaviourController(SimulatorBehaviours behaviours) {
        this.behaviours = behaviours;
    }

    @GetMapping
    Behaviour current(@PathVariable String party) {
        return behaviours.current(partyNamed(party));
    }

    @PutMapping
    Behaviour change(@PathVariable String party, @RequestBody BehaviourChange change) {
        Party target = partyNamed(party);
        if (change.latencyMinMs() == null || change.latencyMaxMs() == null || change.failureRate() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "latencyMinMs, latencyMaxMs and failureRate are all required");
        }
        Behaviour behaviour;
        try {
            behaviour = change.applyTo(behaviours.configured(target));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return behaviours.change(target, behaviour);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@PathVariable String party) {
        behaviours.reset(partyNamed(party));
    }

    private static Party partyNamed(String slug) {
        return Party.fromSlug(slug).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no simulated party named '" + slug + "'"));
    }
}
