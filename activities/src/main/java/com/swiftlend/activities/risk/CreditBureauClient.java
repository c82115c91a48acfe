package com.swiftlend.activities.risk;

import com.swiftlend.activities.PartnerHttp;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.risk.BureauHistory;
import com.swiftlend.workflows.risk.BureauReport;
import com.swiftlend.workflows.risk.CreditBureauCheck;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskSubject;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** The credit bureau's report API. */
@Component
class CreditBureauClient implements CreditBureauCheck {

    /** Below this score the bureau file alone is adverse; between the two it is thin evidence. */
    static final int ADVERSE_SCORE = 450;
    static final int WEAK_SCORE = 550;

    private final RestClient http;

    CreditBureauClient(RestClient.Builder builder, RiskProperties properties) {
        RiskProperties.Partner bureau = properties.creditBureau();
        this.http = PartnerHttp.client(builder, bureau.baseUrl(), bureau.connectTimeout(), bureau.readTimeout());
    }

    @Override
    public BureauReport fetchCreditReport(RiskSubject subject) {
        Report report = http.post()
                .uri("/credit-reports")
                .body(new ReportRequest(subject.idNumber(), subject.name()))
                .retrieve()
                .body(Report.class);
        if (report == null) {
            throw ApplicationFailure.newFailure("empty bureau answer", Failures.PARTNER_PROTOCOL_ERROR.name());
        }
        if (!report.hit()) {
            return new BureauReport(RiskOutcome.WARN, false, null, null, null, null, null, "no bureau file");
        }
        RiskOutcome outcome = report.creditScore() < ADVERSE_SCORE ? RiskOutcome.FAIL
                : report.creditScore() < WEAK_SCORE ? RiskOutcome.WARN : RiskOutcome.PASS;
        return new BureauReport(outcome, true, report.creditScore(), report.delinquencies(), report.openLoans(),
                report.totalDebt(), report.inquiriesLast6Months(), "report " + report.reportId(), report.history());
    }

    record ReportRequest(String idNumber, String name) {
    }

    /** @param history null from a bureau that reports no repayment history */
    record Report(String reportId, boolean hit, int creditScore, int delinquencies, int openLoans,
            BigDecimal totalDebt, int inquiriesLast6Months, BureauHistory history) {
    }
}
