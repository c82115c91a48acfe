package com.swiftlend.activities.risk;

import com.swiftlend.records.blacklist.BlacklistRepository;
import com.swiftlend.workflows.risk.BlacklistCheck;
import com.swiftlend.workflows.risk.BlacklistScreening;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskSubject;
import org.springframework.stereotype.Component;

/** Our own blacklist, by ID number or phone. */
@Component
class BlacklistScreener implements BlacklistCheck {

    private final BlacklistRepository blacklist;

    BlacklistScreener(BlacklistRepository blacklist) {
        this.blacklist = blacklist;
    }

    @Override
    public BlacklistScreening screenBlacklist(RiskSubject subject) {
        boolean listed = !blacklist.findByIdNumberOrPhone(subject.idNumber(), subject.phone()).isEmpty();
        return listed
                ? new BlacklistScreening(RiskOutcome.FAIL, true, "listed")
                : new BlacklistScreening(RiskOutcome.PASS, false, "not listed");
    }
}
