package com.swiftlend.activities.risk;

import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.records.blacklist.BlacklistRepository;
import com.swiftlend.workflows.risk.BlacklistCheck;
import com.swiftlend.workflows.risk.BlacklistScreening;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskSubject;
import org.springframework.stereotype.Component;

/** Our own blacklist, by ID number or phone, looked up by their blind indexes. */
@Component
class BlacklistScreener implements BlacklistCheck {

    private final BlacklistRepository blacklist;
    private final BlindIndex blindIndex;

    BlacklistScreener(BlacklistRepository blacklist, BlindIndex blindIndex) {
        this.blacklist = blacklist;
        this.blindIndex = blindIndex;
    }

    @Override
    public BlacklistScreening screenBlacklist(RiskSubject subject) {
        boolean listed = !blacklist.findByIdNumberIndexOrPhoneIndex(blindIndex.of(BlindIndex.ID_NUMBER,
                subject.idNumber()), blindIndex.of(BlindIndex.PHONE, subject.phone())).isEmpty();
        return listed
                ? new BlacklistScreening(RiskOutcome.FAIL, true, "listed")
                : new BlacklistScreening(RiskOutcome.PASS, false, "not listed");
    }
}
