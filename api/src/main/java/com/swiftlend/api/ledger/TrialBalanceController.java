package com.swiftlend.api.ledger;

import com.swiftlend.records.ledger.TrialBalance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The books' proof, for operators: every entry balances and clearing matches the payouts. */
@RestController
class TrialBalanceController {

    private final TrialBalance trialBalance;

    TrialBalanceController(TrialBalance trialBalance) {
        this.trialBalance = trialBalance;
    }

    @GetMapping("/api/v1/ledger/trial-balance")
    TrialBalance.Report trialBalance() {
        return trialBalance.compute();
    }
}
