package com.swiftlend.simulators.sms;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import com.swiftlend.simulators.behaviour.Party;
import com.swiftlend.simulators.behaviour.SimulatorBehaviours;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/simulators/sms/messages")
@ConditionalOnSimulatorsEnabled
class SmsGatewaySimulatorController {

    private final SimulatorBehaviours behaviours;
    private final SmsOutbox outbox;

    SmsGatewaySimulatorController(SimulatorBehaviours behaviours, SmsOutbox outbox) {
        this.behaviours = behaviours;
        this.outbox = outbox;
    }

    /** 202: a real gateway only queues the message; delivery happens later, if at all. */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    SmsMessage send(@RequestBody SmsRequest request) {
        behaviours.simulateCall(Party.SMS);
        if (request.phone() == null || request.phone().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "phone is required");
        }
        if (request.text() == null || request.text().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "text is required");
        }
        return outbox.send(request.phone(), request.text());
    }

    /**
     * An inspection hook for tests, not part of a gateway's API, so it ignores the simulated latency
     * and outages: a test that set the failure rate to 1 can still check that nothing was sent.
     */
    @GetMapping
    List<SmsMessage> sent(@RequestParam(required = false) String phone) {
        return outbox.sentTo(phone);
    }
}
