package com.swiftlend.records.audit;

/**
 * What the verifier found: how much of the chain it checked, the head it ended on, and the first
 * break, if any. The head is worth keeping outside the database (see docs): removing records from
 * the end of a chain leaves no gap, and only a head recorded earlier shows that they are missing.
 *
 * @param headSequence 0 for an empty trail
 * @param firstBreak null when the chain is intact
 */
public record AuditVerification(long recordsChecked, long headSequence, String headHash, Break firstBreak) {

    public enum Problem {
        /** The record's content no longer hashes to its stored hash: it was altered. */
        ALTERED,
        /** Sequences are missing before this one: records were removed. */
        REMOVED,
        /** The record does not link to the record before it: records were inserted or reordered. */
        RELINKED
    }

    /** @param sequence the record where the chain breaks (for REMOVED: the first missing one) */
    public record Break(long sequence, Problem problem, String detail) {
    }

    public boolean intact() {
        return firstBreak == null;
    }

    @Override
    public String toString() {
        return intact()
                ? "Audit trail intact: %d records, head %d %s".formatted(recordsChecked, headSequence, headHash)
                : "Audit trail BROKEN at sequence %d (%s): %s".formatted(firstBreak.sequence(), firstBreak.problem(),
                        firstBreak.detail());
    }
}
