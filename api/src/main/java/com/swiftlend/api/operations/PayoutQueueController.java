package com.swiftlend.api.operations;

import com.swiftlend.api.ApiProblems;
import com.swiftlend.records.payout.PayoutQueue;
import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.payment.PayoutState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' queues: payouts in doubt (the channel is being asked), declined or proven not
 * sent, each with its application's status, so a person sees every payout that is not simply
 * paid; and the loans whose disbursement failed (compensated) or is still under way.
 */
@RestController
class PayoutQueueController {

    /** Enough for a screen; the queue is meant to be short. */
    private static final int LIMIT = 500;

    private static final List<String> DISBURSEMENT_STATES = List.of(ApplicationState.DISBURSEMENT_FAILED.name(),
            ApplicationState.DISBURSING.name());

    private final PayoutQueue queue;

    PayoutQueueController(PayoutQueue queue) {
        this.queue = queue;
    }

    /** @param state comma-separated payout states; absent: every state that needs a person */
    @GetMapping("/api/v1/operations/payouts")
    List<PayoutQueue.QueuedPayout> payouts(@RequestParam(required = false) List<String> state) {
        return queue.inStates(states(state), LIMIT);
    }

    /** @param status DISBURSEMENT_FAILED (default), DISBURSING, or both, comma-separated */
    @GetMapping("/api/v1/operations/disbursements")
    List<PayoutQueue.QueuedDisbursement> disbursements(@RequestParam(required = false) List<String> status) {
        return queue.disbursements(statuses(status), LIMIT);
    }

    private static Set<ApplicationState> statuses(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.of(ApplicationState.DISBURSEMENT_FAILED);
        }
        Set<ApplicationState> statuses = EnumSet.noneOf(ApplicationState.class);
        for (String name : names) {
            String trimmed = name.trim();
            if (!DISBURSEMENT_STATES.contains(trimmed)) {
                throw new ApiProblems.InvalidRequestException(List.of(new ApiProblems.FieldProblem("status",
                        "unknown disbursement status '" + trimmed + "'; one of " + DISBURSEMENT_STATES)));
            }
            statuses.add(ApplicationState.valueOf(trimmed));
        }
        return statuses;
    }

    private static Set<PayoutState> states(List<String> names) {
        if (names == null || names.isEmpty()) {
            return PayoutQueue.NEEDS_A_PERSON;
        }
        Set<PayoutState> states = EnumSet.noneOf(PayoutState.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            try {
                states.add(PayoutState.valueOf(name.trim()));
            } catch (IllegalArgumentException e) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty() || states.isEmpty()) {
            throw new ApiProblems.InvalidRequestException(List.of(new ApiProblems.FieldProblem("state",
                    "unknown payout state " + unknown + "; one of " + Arrays.toString(PayoutState.values()))));
        }
        return states;
    }
}
