package com.swiftlend.simulators.funder;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every funding request each funder has answered, by application id. The decision is taken once, at
 * first sight of the application, so a retried request can never turn a refusal into an approval.
 */
@Component
@ConditionalOnSimulatorsEnabled
class FunderBook {

    private final Map<Funder, ConcurrentMap<String, Entry>> entries = new EnumMap<>(Funder.class);

    FunderBook() {
        for (Funder funder : Funder.values()) {
            entries.put(funder, new ConcurrentHashMap<>());
        }
    }

    /** @param refusedByChance the behaviour's refusalRate draw, used only if this application is new */
    Decision decide(Funder funder, LoanRequest request, boolean refusedByChance) {
        Entry[] created = new Entry[1];
        Entry entry = entries.get(funder).computeIfAbsent(request.applicationId(),
                id -> created[0] = new Entry(request, answer(funder, request, refusedByChance)));
        if (entry == created[0]) {
            return new Decision(entry.answer(), false);
        }
        if (!entry.request().sameAs(request)) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "applicationId '" + request.applicationId() + "' was already asked for a different loan");
        }
        return new Decision(entry.answer(), true);
    }

    Optional<LoanAnswer> find(Funder funder, String applicationId) {
        return Optional.ofNullable(entries.get(funder).get(applicationId)).map(Entry::answer);
    }

    /** Withdrawing twice is one withdrawal; a refused request has nothing to withdraw. */
    void withdraw(Funder funder, String applicationId) {
        Entry withdrawn = entries.get(funder).computeIfPresent(applicationId, (id, entry) -> {
            if (entry.answer().decision() == LoanDecision.REFUSED) {
                throw new ResponseStatusException(HttpStatus.CONFLICT,
                        "applicationId '" + id + "' was refused; there is nothing to withdraw");
            }
            return new Entry(entry.request(), entry.answer().withdrawn());
        });
        if (withdrawn == null) {
            throw notFound(applicationId);
        }
    }

    static ResponseStatusException notFound(String applicationId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no funding request for applicationId '"
                + applicationId + "'");
    }

    private static LoanAnswer answer(Funder funder, LoanRequest request, boolean refusedByChance) {
        String reference = funder.name() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Optional<String> refusal = funder.policyRefusal(request)
                .or(() -> refusedByChance ? Optional.of("RISK_POLICY") : Optional.empty());
        return new LoanAnswer(request.applicationId(),
                refusal.isPresent() ? LoanDecision.REFUSED : LoanDecision.APPROVED, refusal.orElse(null), reference);
    }

    record Decision(LoanAnswer answer, boolean replayed) {
    }

    private record Entry(LoanRequest request, LoanAnswer answer) {
    }
}
