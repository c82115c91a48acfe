package com.swiftlend.simulators.bureau;

import com.swiftlend.model.training.CreditData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Real credit records for simulated applicants: each ID number is answered with one client of the
 * Taiwan data set's held-out test rows (the rows the credit model never trained on), chosen by a
 * keyed hash of the number ({@code swiftlend.simulators.bureau.record-key}), so the same person
 * always gets the same record and nobody can pick theirs without the key. Only the bureau's part
 * of the record leaves: whether the client defaulted never does.
 */
@Component
class HeldOutClients {

    /** A client's bureau history: limit, six months of repayment status, bills and payments, newest first. */
    record History(long creditLimit, List<Integer> repaymentStatus, List<Long> billAmounts, List<Long> paidAmounts) {
    }

    private final List<CreditData.Client> clients;
    private final SecretKeySpec key;

    HeldOutClients(@Value("${swiftlend.simulators.bureau.record-key:swiftlend-bureau-simulator}") String key) {
        try {
            this.clients = CreditData.split(CreditData.readBundled(), CreditData.SPLIT_SEED).test();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the credit data set the bureau answers from", e);
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    int size() {
        return clients.size();
    }

    /** Which held-out row answers for this ID number (x and X are the same check character). */
    int rowFor(String idNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(idNumber.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), clients.size());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    History historyFor(String idNumber) {
        float[] features = clients.get(rowFor(idNumber)).features();
        return new History(value(features, "limit_bal"),
                months(features, "pay_0", "pay_2", "pay_3", "pay_4", "pay_5", "pay_6").stream()
                        .map(Long::intValue).toList(),
                months(features, "bill_amt1", "bill_amt2", "bill_amt3", "bill_amt4", "bill_amt5", "bill_amt6"),
                months(features, "pay_amt1", "pay_amt2", "pay_amt3", "pay_amt4", "pay_amt5", "pay_amt6"));
    }

    private static List<Long> months(float[] features, String... names) {
        return java.util.Arrays.stream(names).map(name -> value(features, name)).toList();
    }

    /** By name, not position: the data set's columns are named in one place, CreditData.FEATURES. */
    private static long value(float[] features, String name) {
        return (long) features[CreditData.FEATURES.indexOf(name)];
    }
}
