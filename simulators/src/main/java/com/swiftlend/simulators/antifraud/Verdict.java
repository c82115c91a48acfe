package com.swiftlend.simulators.antifraud;

enum Verdict {
    ACCEPT,
    REVIEW,
    DENY;

    static Verdict forScore(int score) {
        return score >= 80 ? DENY : score >= 40 ? REVIEW : ACCEPT;
    }
}
