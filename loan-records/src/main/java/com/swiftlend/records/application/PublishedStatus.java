package com.swiftlend.records.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.application.ApplicationStatus;
import com.swiftlend.workflows.application.ApplicationStep;
import com.swiftlend.workflows.application.PayoutView;
import com.swiftlend.workflows.application.ReviewVerdict;
import com.swiftlend.workflows.application.RiskCheckView;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.funding.FundingView;
import com.swiftlend.workflows.payment.ChannelRanking;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The read model of an application's status: the revision its workflow last published, as
 * {@code ApplicationRecords} wrote it to the application's row, read from only the columns a
 * status shows (see {@link PublishedStatuses}). Whose it is and which revision come first and
 * cheaply; the status itself is parsed only when it is asked for, so an unchanged poll answered
 * {@code 304} parses nothing.
 */
public final class PublishedStatus {

    private static final TypeReference<List<RiskCheckView>> RISK_CHECKS = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final UUID id;
    private final String phoneIndex;
    private final int revision;
    private final ApplicationState state;
    private final ApplicationStep step;
    private final String riskChecks;
    private final String decision;
    private final String payout;
    private final String review;
    private final String funding;
    private final String routing;
    private final Instant submittedAt;
    private final Instant updatedAt;
    private final Instant decidedAt;
    private final Instant reviewDeadline;
    private final Instant completedAt;

    /** One row of {@link PublishedStatuses#COLUMNS}. */
    PublishedStatus(ResultSet row, ObjectMapper json) throws SQLException {
        this.json = json;
        this.id = row.getObject("id", UUID.class);
        this.phoneIndex = row.getString("phone_index");
        this.revision = row.getInt("revision");
        this.state = ApplicationState.valueOf(row.getString("status"));
        this.step = ApplicationStep.valueOf(row.getString("current_step"));
        this.riskChecks = row.getString("risk_checks");
        this.decision = row.getString("decision");
        this.payout = row.getString("payout");
        this.review = row.getString("review");
        this.funding = row.getString("funding");
        this.routing = row.getString("routing");
        this.submittedAt = instant(row, "submitted_at");
        this.updatedAt = instant(row, "updated_at");
        this.decidedAt = instant(row, "decided_at");
        this.reviewDeadline = instant(row, "review_deadline");
        this.completedAt = instant(row, "completed_at");
    }

    public UUID getId() {
        return id;
    }

    /** The blind index of the applicant's phone: whose application this is, without the number. */
    public String getPhoneIndex() {
        return phoneIndex;
    }

    public int getRevision() {
        return revision;
    }

    public ApplicationStatus toStatus() {
        List<RiskCheckView> checks = parse(riskChecks, RISK_CHECKS);
        return new ApplicationStatus(id.toString(), state, step, revision, checks == null ? List.of() : checks,
                parse(decision, Decision.class), parse(payout, PayoutView.class), parse(review, ReviewVerdict.class),
                submittedAt, updatedAt, decidedAt, reviewDeadline, completedAt, parse(funding, FundingView.class),
                parse(routing, ChannelRanking.class));
    }

    private <T> T parse(String text, Class<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable " + type.getSimpleName() + " of application " + id, e);
        }
    }

    private <T> T parse(String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable risk checks of application " + id, e);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
