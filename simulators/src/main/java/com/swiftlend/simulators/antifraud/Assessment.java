package com.swiftlend.simulators.antifraud;

import java.util.List;

record Assessment(String assessmentId, int score, Verdict verdict, List<String> signals) {
}
