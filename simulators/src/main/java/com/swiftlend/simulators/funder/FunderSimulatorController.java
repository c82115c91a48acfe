package com.swiftlend.simulators.funder;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import com.swiftlend.simulators.behaviour.SimulatorBehaviours;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A funder's approval call. Every endpoint is its real API, so latency and outages apply to all of them. */
@RestController
@RequestMapping("/simulators/funders/{funder}/loans")
@ConditionalOnSimulatorsEnabled
class FunderSimulatorController {

    /** The product's application ids are UUIDs; the bound only keeps a careless caller from filling memory. */
    private static final int MAX_APPLICATION_ID_LENGTH = 100;

    private final SimulatorBehaviours behaviours;
    private final FunderBook book;

    FunderSimulatorController(SimulatorBehaviours behaviours, FunderBook book) {
        this.behaviours = behaviours;
        this.book = book;
    }

    /**
     * 201 for a new application, 200 when it was asked before (with its current answer). A stall, like a
     * channel's, comes after the decision is recorded: the funder decided and the caller did not hear it.
     */
    @PostMapping
    ResponseEntity<LoanAnswer> request(@PathVariable String funder, @RequestBody LoanRequest request) {
        Funder target = funderNamed(funder);
        behaviours.simulateCall(target.party());
        validate(request);
        FunderBook.Decision decision = book.decide(target, request, behaviours.refuses(target.party()));
        behaviours.stallAfterProcessing(target.party());
        return ResponseEntity.status(decision.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(decision.answer());
    }

    @GetMapping("/{applicationId}")
    LoanAnswer answer(@PathVariable String funder, @PathVariable String applicationId) {
        Funder target = funderNamed(funder);
        behaviours.simulateCall(target.party());
        return book.find(target, applicationId).orElseThrow(() -> FunderBook.notFound(applicationId));
    }

    @DeleteMapping("/{applicationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable String funder, @PathVariable String applicationId) {
        Funder target = funderNamed(funder);
        behaviours.simulateCall(target.party());
        book.withdraw(target, applicationId);
    }

    private static void validate(LoanRequest request) {
        if (request.applicationId() == null || request.applicationId().isBlank()
                || request.applicationId().length() > MAX_APPLICATION_ID_LENGTH) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "applicationId is required, at most " + MAX_APPLICATION_ID_LENGTH + " characters");
        }
        if (request.amount() == null || request.amount().compareTo(BigDecimal.ZERO) <= 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "amount must be a positive number");
        }
        if (request.termDays() == null || request.termDays() <= 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "termDays must be a positive whole number");
        }
        if (request.region() == null || !request.region().matches("\\d{2}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "region must be the two-digit province code of the ID number");
        }
    }

    private static Funder funderNamed(String slug) {
        return Funder.fromSlug(slug).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no funder named '" + slug + "'"));
    }
}
