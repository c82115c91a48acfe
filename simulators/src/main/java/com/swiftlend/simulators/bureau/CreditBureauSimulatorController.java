package com.swiftlend.simulators.bureau;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import com.swiftlend.simulators.Fingerprint;
import com.swiftlend.simulators.behaviour.Party;
import com.swiftlend.simulators.behaviour.SimulatorBehaviours;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@ConditionalOnSimulatorsEnabled
class CreditBureauSimulatorController {

    private final SimulatorBehaviours behaviours;
    private final HeldOutClients heldOut;

    CreditBureauSimulatorController(SimulatorBehaviours behaviours, HeldOutClients heldOut) {
        this.behaviours = behaviours;
        this.heldOut = heldOut;
    }

    @PostMapping("/simulators/bureau/credit-reports")
    CreditReport creditReport(@RequestBody CreditReportRequest request) {
        behaviours.simulateCall(Party.BUREAU);
        if (request.idNumber() == null || request.idNumber().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "idNumber is required");
        }
        // Whether there is a file, and its open loans, debt and inquiries, are simulated; the repayment
        // history is a real held-out client's, and the delinquencies and the bureau's score are derived
        // from it. Whether that client defaulted is never sent.
        CreditReport report = CreditFileGenerator.reportFor(request.idNumber());
        return report.hit() ? report.withHistory(heldOut.historyFor(request.idNumber()),
                Fingerprint.of("bureau-score", request.idNumber().trim().toUpperCase(Locale.ROOT)).random())
                : report;
    }
}
