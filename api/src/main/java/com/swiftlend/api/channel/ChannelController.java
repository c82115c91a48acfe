package com.swiftlend.api.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.api.ApiProblems.FieldProblem;
import com.swiftlend.api.ApiProblems.InvalidRequestException;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.records.channel.ChannelRegistry;
import com.swiftlend.records.channel.ChannelState;
import com.swiftlend.records.channel.PaymentChannel;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' view of the payment channels and their override: force a channel down (it gets
 * no traffic until enabled) or up at once (the operator vouches for it; the next failing check
 * may degrade it again). Each override is on the audit trail with the operator's name from their
 * token, never from the body.
 */
@RestController
@RequestMapping("/api/v1/channels")
class ChannelController {

    static final String FORCED_DOWN = "FORCED_DOWN";
    static final int MAX_NOTE_LENGTH = 500;
    private static final URI UNKNOWN_CHANNEL = URI.create("https://swiftlend.dev/problems/unknown-channel");

    /**
     * @param availableBalance the reported balance less what our payouts in flight hold on it
     * @param dailyUsed today's (Asia/Shanghai) payouts through it that succeeded or may have
     */
    record ChannelView(String name, String kind, String state, String reason, BigDecimal availableBalance,
            BigDecimal reportedBalance, double successRate, Long p95LatencyMs, BigDecimal dailyLimit,
            BigDecimal dailyUsed, Instant lastCheckedAt) {

        static ChannelView of(PaymentChannel channel) {
            return new ChannelView(channel.name(), channel.kind(), channel.state().name(), channel.stateReason(),
                    channel.availableBalance(), channel.reportedBalance(), channel.successRate(),
                    channel.p95LatencyMs(), channel.dailyLimit(), channel.dailyUsed(), channel.lastCheckedAt());
        }
    }

    private final ChannelRegistry registry;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ChannelController(ChannelRegistry registry, AuditTrail audit, TransactionTemplate transactions, Clock clock) {
        this.registry = registry;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Operation(summary = "List the payment channels with their state, balance, success rate and p95 latency")
    @GetMapping
    List<ChannelView> channels() {
        return registry.all(clock.instant()).stream().map(ChannelView::of).toList();
    }

    @Operation(summary = "Force a channel down: it gets no payouts until an operator enables it")
    @PostMapping("/{name}/disable")
    ChannelView disable(@PathVariable String name, @RequestBody(required = false) JsonNode body,
            Authentication authentication) {
        return override(name, ChannelState.DISABLED, FORCED_DOWN, note(body), authentication.getName());
    }

    @Operation(summary = "Force a channel up at once; its health checks may degrade it again")
    @PostMapping("/{name}/enable")
    ChannelView enable(@PathVariable String name, @RequestBody(required = false) JsonNode body,
            Authentication authentication) {
        return override(name, ChannelState.HEALTHY, null, note(body), authentication.getName());
    }

    private ChannelView override(String name, ChannelState state, String reason, String note, String operator) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            PaymentChannel before = registry.find(name, now).orElseThrow(() -> new ApiException(
                    HttpStatus.NOT_FOUND, UNKNOWN_CHANNEL, "No payment channel is named " + name));
            PaymentChannel after = registry.force(name, state, reason, now).orElseThrow();
            audit.append(new AuditEvent.ChannelOverride(name, state.name(), before.state().name(), operator,
                    note == null ? null : audit.digest(note), now, UUID.randomUUID().toString()));
            return ChannelView.of(after);
        });
    }

    /** The optional body is {"note": "..."} and nothing else; anything else is named back. */
    private static String note(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (!body.isObject()) {
            throw new InvalidRequestException(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("note")) {
                problems.add(new FieldProblem(field, "is not a field of this request"));
            }
        }
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && !note.isTextual()) {
            problems.add(new FieldProblem("note", "must be a string"));
        } else if (note != null && note.isTextual() && note.asText().length() > MAX_NOTE_LENGTH) {
            problems.add(new FieldProblem("note", "size must be at most " + MAX_NOTE_LENGTH));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return note == null || note.isNull() ? null : note.asText();
    }
}
