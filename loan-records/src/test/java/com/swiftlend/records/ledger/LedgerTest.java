package com.swiftlend.records.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.records.LoanDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

class LedgerTest {

    private static LoanDatabase database;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;
    private static Ledger ledger;
    private static TrialBalance trialBalance;

    @BeforeAll
    static void start() {
        database = new LoanDatabase();
        jdbc = database.jdbc();
        transactions = database.transactions();
        ledger = new Ledger(jdbc, new DefaultListableBeanFactory().getBeanProvider(Clock.class));
        trialBalance = new TrialBalance(jdbc, database.transactionManager());
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        // The entries are append-only by trigger; a test database starts over by truncation.
        jdbc.execute("truncate journal_posting, journal_entry, ledger_account, channel_balance_hold, payout,"
                + " funding_reservation, application_status_history, shadow_decision, credit_score, decision_record, loan_application");
    }

    private String claimed(String amount, String status) {
        UUID application = database.application();
        String key = application + ":payout:1";
        database.payout(key, application, "swiftpay", amount, status);
        transactions.executeWithoutResult(tx -> ledger.holdPrincipal(
                new PrincipalHold(application, key, "harbor-capital", "swiftpay", new BigDecimal(amount), null)));
        return key;
    }

    private void markPayout(String key, String status) {
        jdbc.update("update payout set status = ? where idempotency_key = ?", status, key);
    }

    private Map<String, BigDecimal> balances() {
        return trialBalance.compute().accounts().stream().collect(java.util.stream.Collectors.toMap(
                TrialBalance.AccountBalance::account, TrialBalance.AccountBalance::balance));
    }

    @Test
    void givenPrincipalHeldTwice_whenHolding_itWritesOnePendingEntryWithItsAccounts() {
        String key = claimed("1000.00", "CLAIMED");
        transactions.executeWithoutResult(tx -> ledger.holdPrincipal(new PrincipalHold(
                UUID.fromString(key.substring(0, 36)), key, "harbor-capital", "swiftpay", new BigDecimal("1000"), null)));

        assertThat(ledger.stateOf(key)).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select count(*) from journal_posting", Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForList("select name from ledger_account order by name", String.class))
                .containsExactly("channel-clearing:swiftpay", "loans-receivable:harbor-capital");
        TrialBalance.Report report = trialBalance.compute();
        assertThat(report.balanced()).isTrue();
        assertThat(report.accounts()).filteredOn(a -> a.account().equals("channel-clearing:swiftpay"))
                .singleElement().satisfies(a -> {
                    assertThat(a.pendingCredits()).isEqualByComparingTo("1000");
                    assertThat(a.postedCredits()).isEqualByComparingTo("0");
                });
    }

    @Test
    void givenSameKeyWithAnotherAmount_whenHolding_itRefusesAndAddsNothing() {
        String key = claimed("1000.00", "CLAIMED");

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> ledger.holdPrincipal(new PrincipalHold(
                UUID.fromString(key.substring(0, 36)), key, "harbor-capital", "swiftpay", new BigDecimal("999"), null))))
                .isInstanceOf(Ledger.LedgerConflict.class);
        assertThat(jdbc.queryForObject("select count(*) from journal_posting", Integer.class)).isEqualTo(2);
    }

    @Test
    void givenPayoutPostedTwice_whenPosting_itPostsPrincipalFeeAndFundingOnce() {
        String key = claimed("1000.00", "SUCCEEDED");

        transactions.executeWithoutResult(tx -> ledger.postPayout(key, new BigDecimal("2.00")));
        transactions.executeWithoutResult(tx -> ledger.postPayout(key, new BigDecimal("2.00")));

        assertThat(jdbc.queryForList("select entry_key || '=' || state from journal_entry order by id", String.class))
                .containsExactly(key + "=POSTED", key + ":fee=POSTED", key + ":funding=POSTED");
        assertThat(jdbc.queryForObject("select count(*) from journal_posting", Integer.class)).isEqualTo(6);
        Map<String, BigDecimal> balances = balances();
        assertThat(balances.get("loans-receivable:harbor-capital")).isEqualByComparingTo("1000");
        assertThat(balances.get("funder-payable:harbor-capital")).isEqualByComparingTo("-1000");
        assertThat(balances.get("fees:swiftpay")).isEqualByComparingTo("2");
        // Principal out, funding in, fee out: the clearing account owes the channel its fee.
        assertThat(balances.get("channel-clearing:swiftpay")).isEqualByComparingTo("-2");
        assertThat(trialBalance.compute().balanced()).isTrue();
    }

    @Test
    void givenVoidedPrincipal_whenPostingOrVoidingAgain_itRefusesPostingAndIgnoresTheRepeat() {
        String key = claimed("500.00", "DECLINED");
        transactions.executeWithoutResult(tx -> ledger.voidPayout(key));
        transactions.executeWithoutResult(tx -> ledger.voidPayout(key));

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> ledger.postPayout(key, BigDecimal.ONE)))
                .isInstanceOf(Ledger.LedgerConflict.class).hasMessageContaining("VOIDED");
        assertThat(ledger.stateOf(key)).isEqualTo("VOIDED");
        assertThat(ledger.stateOf(key + ":funding")).isNull();
        assertThat(trialBalance.compute().balanced()).isTrue();
    }

    @Test
    void givenPostedPrincipal_whenVoiding_itRefuses() {
        String key = claimed("500.00", "SUCCEEDED");
        transactions.executeWithoutResult(tx -> ledger.postPayout(key, BigDecimal.ZERO));

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> ledger.voidPayout(key)))
                .isInstanceOf(Ledger.LedgerConflict.class).hasMessageContaining("POSTED");
        assertThat(ledger.stateOf(key)).isEqualTo("POSTED");
        assertThat(ledger.stateOf(key + ":fee")).isNull();
    }

    @Test
    void givenEntryWhosePostingsDoNotSumToZero_whenCommitting_theDatabaseRefusesIt() {
        String key = claimed("500.00", "CLAIMED");

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            Long id = jdbc.queryForObject("""
                    insert into journal_entry (entry_key, kind, application_id, idempotency_key, state, currency,
                                               created_at, updated_at)
                    values (?, 'FEE', gen_random_uuid(), ?, 'POSTED', 'CNY', now(), now()) returning id""",
                    Long.class, key + ":fee", key);
            jdbc.update("insert into ledger_account (name, type) values ('fees:swiftpay', 'FEES')");
            jdbc.update("insert into journal_posting (entry_id, account, amount) values (?, 'fees:swiftpay', 3)", id);
            jdbc.update("insert into journal_posting (entry_id, account, amount) values (?, 'channel-clearing:swiftpay', -2)",
                    id);
        })).satisfies(refused -> assertThat(refused.getCause()).hasMessageContaining("does not balance"));
        assertThat(ledger.stateOf(key + ":fee")).isNull();
    }

    @Test
    void givenSettledEntry_whenChangingItsStateByHand_theDatabaseRefuses() {
        String posted = claimed("500.00", "SUCCEEDED");
        transactions.executeWithoutResult(tx -> ledger.postPayout(posted, BigDecimal.ONE));
        String pending = claimed("300.00", "CLAIMED");

        assertThatThrownBy(() -> jdbc.update("update journal_entry set state = 'VOIDED' where entry_key = ?", posted))
                .hasMessageContaining("may not move from POSTED to VOIDED");
        assertThatThrownBy(() -> jdbc.update("update journal_entry set state = 'PENDING' where entry_key = ?", posted))
                .hasMessageContaining("may not move from POSTED to PENDING");
        assertThatThrownBy(() -> jdbc.update("update journal_entry set kind = 'FEE' where entry_key = ?", pending))
                .hasMessageContaining("may change only its state");
        assertThatThrownBy(() -> jdbc.update("delete from journal_entry where entry_key = ?", pending))
                .hasMessageContaining("may not be deleted");
        assertThat(ledger.stateOf(posted)).isEqualTo("POSTED");
        assertThat(ledger.stateOf(pending)).isEqualTo("PENDING");
    }

    @Test
    void givenPayoutsInEveryState_whenComputingTheTrialBalance_clearingMatchesSucceededAndOpenPayouts() {
        String succeeded = claimed("1000.00", "SUCCEEDED");
        transactions.executeWithoutResult(tx -> ledger.postPayout(succeeded, new BigDecimal("2.00")));
        String declined = claimed("400.00", "DECLINED");
        transactions.executeWithoutResult(tx -> ledger.voidPayout(declined));
        claimed("300.00", "SENT_UNCONFIRMED");
        claimed("200.00", "PENDING_AT_CHANNEL");

        TrialBalance.Report report = trialBalance.compute();

        assertThat(report.balanced()).isTrue();
        assertThat(report.entriesBalance()).isTrue();
        assertThat(report.channels()).singleElement().satisfies(channel -> {
            assertThat(channel.channel()).isEqualTo("swiftpay");
            assertThat(channel.postedPrincipal()).isEqualByComparingTo("1000");
            assertThat(channel.succeededPayouts()).isEqualByComparingTo("1000");
            assertThat(channel.pendingPrincipal()).isEqualByComparingTo("500");
            assertThat(channel.openPayouts()).isEqualByComparingTo("500");
        });
    }

    @Test
    void givenSucceededPayoutWhosePrincipalIsStillPending_whenComputingTheTrialBalance_itIsNotBalanced() {
        String key = claimed("1000.00", "CLAIMED");
        markPayout(key, "SUCCEEDED");

        TrialBalance.Report report = trialBalance.compute();

        assertThat(report.entriesBalance()).isTrue();
        assertThat(report.balanced()).isFalse();
        assertThat(report.channels()).singleElement().satisfies(channel -> {
            assertThat(channel.matches()).isFalse();
            assertThat(channel.succeededPayouts()).isEqualByComparingTo("1000");
            assertThat(channel.postedPrincipal()).isEqualByComparingTo("0");
        });
    }

    @Test
    void givenPayoutsRecordedBeforeTheLedger_whenMigrating_theBackfilledBooksBalance() {
        List<String> states = List.of("SUCCEEDED", "DECLINED", "SENT_UNCONFIRMED");
        for (String state : states) {
            UUID application = database.application();
            database.payout(application + ":payout:1", application, "bankwire", "100.00", state);
        }
        // Re-run the backfill of V8 as it ran over the rows an earlier version left.
        String v8 = new String(readMigration("V8__payout_sends_and_ledger_guards.sql"));
        String backfill = v8.substring(v8.indexOf("insert into ledger_account"), v8.indexOf("-- A discrepancy"));
        transactions.executeWithoutResult(tx -> jdbc.execute(backfill));

        assertThat(jdbc.queryForList("select kind || ':' || state from journal_entry order by kind, state", String.class))
                .containsExactly("FUNDING:POSTED", "PRINCIPAL:PENDING", "PRINCIPAL:POSTED", "PRINCIPAL:VOIDED");
        assertThat(trialBalance.compute().balanced()).isTrue();
    }

    private static byte[] readMigration(String name) {
        try (var in = LedgerTest.class.getResourceAsStream("/db/migration/" + name)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
