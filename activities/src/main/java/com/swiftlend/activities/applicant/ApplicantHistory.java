package com.swiftlend.activities.applicant;

import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.records.channel.ChannelRegistry;
import com.swiftlend.workflows.application.ApplicationState;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the decision graph and the credit model know of the applicant from our own records: their age, from the birth
 * date in the ID number, on the day they applied; and how many of their earlier applications we
 * paid out, which the segment decision reads. Both depend only on stored, unchanging facts (the
 * application, and applications submitted before it), so a retried decision sees the same.
 */
@Component
public class ApplicantHistory {

    public record Facts(Integer age, int previousLoans) {
    }

    private final LoanApplicationRepository applications;

    ApplicantHistory(LoanApplicationRepository applications) {
        this.applications = applications;
    }

    @Transactional(readOnly = true)
    public Facts of(UUID applicationId) {
        LoanApplication application = stored(applicationId);
        long paidOut = applications.countByIdNumberIndexAndStatusAndSubmittedAtBefore(
                application.getIdNumberIndex(), ApplicationState.DISBURSED, application.getSubmittedAt());
        return new Facts(age(application), Math.toIntExact(paidOut));
    }

    /** The age alone, what the credit model reads: without counting earlier loans. */
    @Transactional(readOnly = true)
    public Integer age(UUID applicationId) {
        return age(stored(applicationId));
    }

    private LoanApplication stored(UUID applicationId) {
        return applications.findById(applicationId).orElseThrow(
                () -> new IllegalStateException("Application " + applicationId + " is not stored"));
    }

    private static Integer age(LoanApplication application) {
        return age(application.applicant().idNumber(),
                application.getSubmittedAt().atZone(ChannelRegistry.BUSINESS_ZONE).toLocalDate());
    }

    /**
     * Whole years from the birth date (digits 7 to 14 of an 18-character resident ID) to the day of
     * application; null when the number holds no readable date, which the knock-out rules refer
     * to a person rather than guess.
     */
    static Integer age(String idNumber, LocalDate on) {
        if (idNumber == null || idNumber.length() != 18) {
            return null;
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(idNumber.substring(6, 10)),
                    Integer.parseInt(idNumber.substring(10, 12)), Integer.parseInt(idNumber.substring(12, 14)));
            return birth.isAfter(on) ? null : Period.between(birth, on).getYears();
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }
}
