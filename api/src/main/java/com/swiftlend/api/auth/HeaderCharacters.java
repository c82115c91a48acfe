package com.swiftlend.api.auth;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's rules for header names and values, {@link StrictHttpFirewall}'s own, checked
 * without a regular expression.
 *
 * <p>Spring Security checks every header each time anything reads it, with the pattern
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (values may also hold tabs), one character class
 * intersection per character. A bearer token is about 700 characters and is read several times a
 * request, so under load that matching was 4 % of all CPU samples (docs/benchmarks.md). Headers
 * are almost always printable ASCII, which is assigned and not a control character by definition;
 * only the rest needs the Unicode lookup. The rule itself is unchanged, and a test holds it equal
 * to the firewall's over every code point.
 */
final class HeaderCharacters {

    /** A header name: every code point assigned and none a control character. */
    static final Predicate<String> NAMES = name -> allowed(name, false);

    /** A header value: as a name, but horizontal tabs allowed (RFC 9110 field values). */
    static final Predicate<String> VALUES = value -> allowed(value, true);

    private HeaderCharacters() {
    }

    /** The firewall that rejects what Spring Security's strict firewall rejects, faster. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(VALUES);
        return firewall;
    }

    private static boolean allowed(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
