package com.swiftlend.activities.risk;

import com.swiftlend.activities.PartnerHttp;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.risk.AntiFraudCheck;
import com.swiftlend.workflows.risk.FraudAssessment;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskSubject;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** The anti-fraud provider's assessment API. */
@Component
class AntiFraudClient implements AntiFraudCheck {

    private final RestClient http;

    AntiFraudClient(RestClient.Builder builder, RiskProperties properties) {
        RiskProperties.Partner antiFraud = properties.antiFraud();
        this.http = PartnerHttp.client(builder, antiFraud.baseUrl(), antiFraud.connectTimeout(),
                antiFraud.readTimeout());
    }

    @Override
    public FraudAssessment assessFraud(RiskSubject subject) {
        Assessment assessment = http.post()
                .uri("/assessments")
                .body(new AssessmentRequest(subject.applicationId(), subject.idNumber(), subject.phone(),
                        subject.deviceId(), subject.clientIp()))
                .retrieve()
                .body(Assessment.class);
        if (assessment == null || assessment.verdict() == null) {
            throw ApplicationFailure.newFailure("anti-fraud answer without a verdict",
                    Failures.PARTNER_PROTOCOL_ERROR.name());
        }
        RiskOutcome outcome = switch (assessment.verdict()) {
            case "ACCEPT" -> RiskOutcome.PASS;
            case "REVIEW" -> RiskOutcome.WARN;
            case "DENY" -> RiskOutcome.FAIL;
            default -> throw ApplicationFailure.newFailure("unknown anti-fraud verdict " + assessment.verdict(),
                    Failures.PARTNER_PROTOCOL_ERROR.name());
        };
        List<String> signals = assessment.signals() == null ? List.of() : List.copyOf(assessment.signals());
        return new FraudAssessment(outcome, assessment.score(), signals,
                "verdict " + assessment.verdict().toLowerCase());
    }

    record AssessmentRequest(String applicationId, String idNumber, String phone, String deviceId, String ip) {
    }

    record Assessment(String assessmentId, int score, String verdict, List<String> signals) {
    }
}
