package com.swiftlend.simulators.channel;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import com.swiftlend.simulators.behaviour.Behaviour;
import com.swiftlend.simulators.behaviour.SimulatorBehaviours;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/simulators/channels/{channel}")
@ConditionalOnSimulatorsEnabled
class PaymentChannelSimulatorController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;
    /** The simulated channels hold renminbi only, as the product's payouts are. */
    private static final String BALANCE_CURRENCY = "CNY";
    private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final SimulatorBehaviours behaviours;
    private final PayoutLedger ledger;

    PaymentChannelSimulatorController(SimulatorBehaviours behaviours, PayoutLedger ledger) {
        this.behaviours = behaviours;
        this.ledger = ledger;
    }

    /**
     * 201 for a new payout, 200 when a retry is answered from the ledger (with the payout's current
     * status): either way one payout. An outage happens before anything is recorded; a stall after.
     */
    @PostMapping("/payouts")
    ResponseEntity<Payout> payout(
            @PathVariable String channel,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody PayoutRequest request) {
        PaymentChannel target = channelNamed(channel);
        behaviours.simulateCall(target.party());
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the Idempotency-Key header is required");
        }
        if (idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "the Idempotency-Key header must be at most " + MAX_KEY_LENGTH + " characters");
        }
        validate(request);
        Behaviour behaviour = behaviours.current(target.party());
        Duration settleAfter = target.keyedByHand() || behaviours.answersPending(target.party())
                ? Duration.ofMillis(behaviour.pendingSettleMs())
                : null;
        PayoutLedger.Submission submission = ledger.submit(target, idempotencyKey, request, settleAfter);
        behaviours.stallAfterProcessing(target.party());
        return ResponseEntity.status(submission.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(submission.payout());
    }

    @GetMapping("/payouts/{idempotencyKey}")
    Payout payoutByKey(@PathVariable String channel, @PathVariable String idempotencyKey) {
        PaymentChannel target = channelNamed(channel);
        behaviours.simulateCall(target.party());
        return ledger.find(target, idempotencyKey).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no payout with Idempotency-Key '" + idempotencyKey + "'"));
    }

    /**
     * The channel's own record of everything it processed: what tests and the fault-injection run check
     * the product's books against. An inspection hook, so free of latency and outages.
     */
    @GetMapping("/payouts")
    List<Payout> payouts(@PathVariable String channel) {
        return ledger.processed(channelNamed(channel));
    }

    @GetMapping("/health")
    Map<String, String> health(@PathVariable String channel) {
        behaviours.simulateCall(channelNamed(channel).party());
        return Map.of("status", "UP");
    }

    @GetMapping("/balance")
    Balance balance(@PathVariable String channel) {
        PaymentChannel target = channelNamed(channel);
        behaviours.simulateCall(target.party());
        return new Balance(BALANCE_CURRENCY, ledger.available(target));
    }

    /** A control hook like the behaviour endpoint, so an outage never stops a test from refilling a channel. */
    @PutMapping("/balance")
    Balance setBalance(@PathVariable String channel, @RequestBody Balance change) {
        PaymentChannel target = channelNamed(channel);
        if (change.available() == null || change.available().signum() < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "available must be a number, zero or more");
        }
        if (change.available().stripTrailingZeros().scale() > 2) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "available must have at most 2 decimals");
        }
        if (change.currency() != null && !change.currency().equals(BALANCE_CURRENCY)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "currency must be " + BALANCE_CURRENCY);
        }
        ledger.setAvailable(target, change.available());
        return new Balance(BALANCE_CURRENCY, ledger.available(target));
    }

    @GetMapping("/statements/{date}")
    ResponseEntity<String> statement(
            @PathVariable String channel,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        PaymentChannel target = channelNamed(channel);
        behaviours.simulateCall(target.party());
        StringBuilder csv = new StringBuilder("payout_id,idempotency_key,amount,currency,status,processed_at\n");
        for (Payout payout : ledger.processedOn(target, date)) {
            csv.append(csvField(payout.payoutId())).append(',')
                    .append(csvField(payout.idempotencyKey())).append(',')
                    .append(payout.amount().toPlainString()).append(',')
                    .append(csvField(payout.currency())).append(',')
                    .append(payout.status()).append(',')
                    .append(DateTimeFormatter.ISO_INSTANT.format(payout.processedAt())).append('\n');
        }
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header("Content-Disposition", "inline; filename=\"" + channel + "-" + date + ".csv\"")
                .body(csv.toString());
    }

    private static void validate(PayoutRequest request) {
        if (request.amount() == null || request.amount().compareTo(BigDecimal.ZERO) <= 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "amount must be a positive number");
        }
        if (request.currency() == null || !request.currency().matches("[A-Za-z]{3}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "currency must be a three-letter ISO 4217 code");
        }
        if (request.cardNumber() == null || !request.cardDigits().matches("\\d{4,19}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "cardNumber must be 4 to 19 digits");
        }
    }

    /** Idempotency keys come from the caller and may hold anything, so quote them as RFC 4180 says. */
    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static PaymentChannel channelNamed(String slug) {
        return PaymentChannel.fromSlug(slug).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no payment channel named '" + slug + "'"));
    }
}
