package com.swiftlend.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class HeaderCharactersTest {

    @Test
    void everyCodePointIsJudgedAsTheStrictFirewallJudgesIt() {
        List<Integer> disagreements = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "z";
            if (HeaderCharacters.NAMES.test(text) != StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text)
                    || HeaderCharacters.VALUES.test(text) != StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text)) {
                disagreements.add(codePoint);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void unpairedSurrogatesAndMixedStringsAreJudgedTheSame() {
        Random random = new Random(20261202L);
        char[] alphabet = {'a', ' ', '\t', '\n', '\u0000', '\u007f', '\u0085', '\u00e9', '\u4e2d', '\ud83d', '\ude00',
            '\udbff', '\udfff', '\u0378', '\ufffe', '='};
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(8); j >= 0; j--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = text.toString();
            assertThat(HeaderCharacters.NAMES.test(s)).as("name %s", s.chars().boxed().toList())
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(s));
            assertThat(HeaderCharacters.VALUES.test(s)).as("value %s", s.chars().boxed().toList())
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
        }
    }

    @Test
    void aControlCharacterInAHeaderIsRefusedAndATabOnlyInAValue() {
        assertThat(HeaderCharacters.VALUES.test("Bearer abc\tdef")).isTrue();
        assertThat(HeaderCharacters.NAMES.test("X-Name\t")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("Bearer abc\r\nX-Injected: 1")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("\u0000")).isFalse();
    }
}
