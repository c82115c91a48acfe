package com.swiftlend.simulators.bureau;

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
class CreditBureauSimulatorController {

    private final SimulatorBehaviours behaviours;

    CreditBureauSimulatorController(SimulatorBehaviours behaviours) {
        this.behaviours = behaviours;
    }

    @PostMapping("/simulators/bureau/credit-reports")
    CreditReport creditReport(@RequestBody CreditReportRequest request) {
        behaviours.simulateCall(Party.BUREAU);
        if (request.idNumber() == null || request.idNumber().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "idNumber is required");
        }
        return CreditFileGenerator.reportFor(request.idNumber());
    }
}
