package com.swiftlend.simulators.antifraud;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import com.swiftlend.simulators.behaviour.Party;
import com.swiftlend.simulators.behaviour.SimulatorBehaviours;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@ConditionalOnSimulatorsEnabled
class AntiFraudSimulatorController {

    private final SimulatorBehaviours behaviours;

    AntiFraudSimulatorController(SimulatorBehaviours behaviours) {
        this.behaviours = behaviours;
    }

    @PostMapping("/simulators/anti-fraud/assessments")
    Assessment assess(@RequestBody AssessmentRequest request) {
        behaviours.simulateCall(Party.ANTI_FRAUD);
        if (request.idNumber() == null || request.idNumber().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "idNumber is required");
        }
        return FraudScorer.assess(request);
    }
}
