package com.swiftlend.protection.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # ID numbers: first 6 and last 4 of 18, whatever the check character
            id 11010519491231002X                  | id 110105********002X
            id 11010519491231002x                  | id 110105********002x
            wrong check 110105194912310021         | wrong check 110105********0021
            {"idNumber":"11010519491231002X"}      | {"idNumber":"110105********002X"}
            idNumber=11010519491231002X,           | idNumber=110105********002X,
            # cards: BIN and last 4; 16 to 19 digits always, 13 to 15 only when Luhn-valid
            card 6222020200112233446               | card 622202*********3446
            card 4111111111111111                  | card 411111******1111
            not Luhn 6222020200112234              | not Luhn 622202******2234
            amex 378282246310005                   | amex 378282*****0005
            visa13 4222222222222                   | visa13 422222***2222
            diners 30569309025904                  | diners 305693****5904
            not Luhn 37828224631000                | not Luhn 37828224631000
            card 6222 0202 0011 2233 446           | card 6222 02** **** ***3 446
            card 4111-1111-1111-1111               | card 4111-11**-****-1111
            # epoch milliseconds are 13 digits starting with 1, even when Luhn-valid
            at 1764105600000                       | at 1764105600000
            at 1764105600001                       | at 1764105600001
            # phone numbers: first 3 and last 4, country code kept
            phone 13800138000                      | phone 138****8000
            phone:19912345678.                     | phone:199****5678.
            phone +8613800138000                   | phone +86138****8000
            phone 8613800138000                    | phone 86138****8000
            phone 008613800138000                  | phone 0086138****8000
            phone +86 138 0013 8000                | phone +86 138 **** 8000
            phone 138-0013-8000                    | phone 138-****-8000
            not mobile 12800138000                 | not mobile 12800138000
            13800138000                            | 138****8000
            x+8613800138000                        | x+86138****8000
            # whole tokens only: a run touching an ASCII letter or digit is part of something else
            hash a11010519491231002Xb              | hash a11010519491231002Xb
            hex 5f2b9c0e8d7a6b4c3e2f13800138000f   | hex 5f2b9c0e8d7a6b4c3e2f13800138000f
            twenty 12345678901234567890            | twenty 12345678901234567890
            twelve 138001380001                    | twelve 138001380001
            under_13800138000                      | under_138****8000
            # names in fields: first character kept
            {"name":"Li Wei","amount":3000.00}     | {"name":"L*****","amount":3000.00}
            {"applicantName": "Wang Fang"}         | {"applicantName": "W********"}
            `Applicant[name=Li Wei, phone=13800138000]` | `Applicant[name=L*****, phone=138****8000]`
            accountName=Li Wei phone=13800138000   | accountName=L***** phone=138****8000
            full_name='Zhang San'                  | full_name='Z********'
            fullName=Li Wei                        | fullName=L*****
            cardholder_name="Li Wei"               | cardholder_name="L*****"
            NAME: Li Wei; ok                       | NAME: L*****; ok
            holderName=Li&x=1                      | holderName=L*&x=1
            "name":null                            | "name":null
            # names in Chinese: runs of 2 to 4 Han characters
            borrower 李伟 applied                    | borrower 李* applied
            {"name":"欧阳娜娜"}                        | {"name":"欧***"}
            姓名:张三                                 | 姓*:张*
            手机13800138000                          | 手*138****8000
            """)
    void givenPii_whenMasked_itKeepsOnlyTheAllowedCharacters(String raw, String masked) {
        assertThat(PiiMasker.mask(raw)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "application 7f8a3c1e-0000-4000-8000-000000000001 accepted",
        "at 2025-11-26T10:00:00.000+08:00 and 2025-11-26 10:00:00,123",
        "amount 3000.00 CNY, approved 50000.00, rate 0.0005",
        "Tomcat started on port 8080 (http) with context path '/'",
        "[http-nio-8080-exec-12] thread 140234567 pid 48213",
        "epoch 1764105600000 millis, nanos 123456789",
        "trace 5f2b9c0e8d7a6b4c3e2f1a0b9c8d7e6f span 0x7ffde3a4b2c1",
        "spring.application.name=swiftlend taskQueueName=risk fileName=app.log namespace=default",
        "HikariPool-1 - Start completed.",
        "1+1=2, a + b, +, 86, 0086, ++8613",
        "11010519491231002Xyz 110105194912310021000 6222020200112233446a",
        "Completed initialization in 1 ms; 18 checks in 250ms; version 15.8.0"
    })
    void givenNoPii_whenMasked_itIsUnchanged(String line) {
        assertThat(PiiMasker.mask(line)).isEqualTo(line);
    }

    @Test
    void givenAnsiColouredLine_whenMasked_itMasksRightAfterTheColourCode() {
        String line = "\u001B[36mcom.swiftlend.Api\u001B[0;39m13800138000 \u001B[2m11010519491231002X\u001B[0;39m";

        assertThat(PiiMasker.mask(line))
                .isEqualTo("\u001B[36mcom.swiftlend.Api\u001B[0;39m138****8000 \u001B[2m110105********002X\u001B[0;39m");
    }

    @Test
    void givenMultiLineText_whenMasked_itMasksEveryLine() {
        String text = "java.lang.IllegalStateException: card 6222020200112233446\n"
                + "\tat com.swiftlend.Payouts.send(Payouts.java:42)\n"
                + "Caused by: java.io.IOException: phone 13800138000 name=Li Wei\n";

        assertThat(PiiMasker.mask(text)).isEqualTo("java.lang.IllegalStateException: card 622202*********3446\n"
                + "\tat com.swiftlend.Payouts.send(Payouts.java:42)\n"
                + "Caused by: java.io.IOException: phone 138****8000 name=L*****\n");
    }

    @Test
    void givenEmptyOrNull_whenMasked_itReturnsItAsItIs() {
        assertThat(PiiMasker.mask("")).isEmpty();
        assertThat(PiiMasker.mask(null)).isNull();
    }
}
