package ua.itdesk.contracts;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Phone numbers as people type them, reduced to E.164 (A3).
 *
 * <p>Directories hold numbers the way someone once typed them: {@code +380 50 111 22 33}, {@code 050-111-22-33},
 * {@code (050) 1112233}, {@code 380501112233}. Both sides of the API compare numbers only in E.164 form, produced
 * here, so that every such spelling of one number is the same key. The rules are those of a closed numbering plan
 * with a trunk prefix (Ukraine: country code 380, trunk prefix 0, nine national digits), configurable for others.
 */
public final class PhoneNumbers {

    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 15;

    private final String countryCode;
    private final String trunkPrefix;
    private final int nationalLength;

    /**
     * @param countryCode    the default country calling code, digits only ({@code 380})
     * @param trunkPrefix    the national trunk prefix, digits only ({@code 0}), or empty
     * @param nationalLength digits of a national significant number ({@code 9} in Ukraine)
     */
    public PhoneNumbers(String countryCode, String trunkPrefix, int nationalLength) {
        if (countryCode == null || !countryCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("country code must be 1-3 digits: " + countryCode);
        }
        if (trunkPrefix == null || !trunkPrefix.matches("[0-9]?")) {
            throw new IllegalArgumentException("trunk prefix must be at most one digit: " + trunkPrefix);
        }
        if (nationalLength < 4 || nationalLength + countryCode.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("national length out of range: " + nationalLength);
        }
        this.countryCode = countryCode;
        this.trunkPrefix = trunkPrefix;
        this.nationalLength = nationalLength;
    }

    /** Ukraine's plan, the default of both processes. */
    public static PhoneNumbers ukraine() {
        return new PhoneNumbers("380", "0", 9);
    }

    /**
     * The E.164 form ({@code +380501112233}) of a number in any of the usual human spellings, or empty when the
     * text is not a phone number. Extensions ({@code ext. 12}, {@code x12}) are dropped.
     */
    public Optional<String> toE164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = stripExtension(raw.strip());
        if (text.isEmpty() || text.length() > 40) {
            return Optional.empty();
        }
        boolean international = text.startsWith("+");
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!isSeparator(c) && !(i == 0 && c == '+')) {
                return Optional.empty();
            }
        }
        String d = digits.toString();
        String e164Digits;
        if (international) {
            e164Digits = d;
        } else if (d.startsWith("00")) {
            e164Digits = d.substring(2);
        } else if (d.startsWith(countryCode) && d.length() == countryCode.length() + nationalLength) {
            e164Digits = d;
        } else if (!trunkPrefix.isEmpty() && d.startsWith(trunkPrefix) && d.length() == trunkPrefix.length() + nationalLength) {
            e164Digits = countryCode + d.substring(trunkPrefix.length());
        } else if (d.length() == nationalLength && !(trunkPrefix.length() > 0 && d.startsWith(trunkPrefix))) {
            e164Digits = countryCode + d;
        } else if (isPartialCountryCode(d)) {
            // "38 050 111 22 33": the country code written without its last digit, which the trunk prefix supplies
            e164Digits = countryCode + d.substring(countryCode.length());
        } else {
            return Optional.empty();
        }
        if (e164Digits.length() < MIN_DIGITS || e164Digits.length() > MAX_DIGITS || e164Digits.startsWith("0")) {
            return Optional.empty();
        }
        return Optional.of("+" + e164Digits);
    }

    private boolean isPartialCountryCode(String d) {
        if (trunkPrefix.isEmpty() || !countryCode.endsWith(trunkPrefix)) {
            return false;
        }
        String head = countryCode.substring(0, countryCode.length() - trunkPrefix.length());
        return !head.isEmpty() && d.startsWith(head + trunkPrefix)
                && d.length() == countryCode.length() + nationalLength;
    }

    /**
     * The spellings under which a directory commonly stores this E.164 number; used for an exact-match LDAP filter
     * as a fallback to the normalized index. Never contains anything but digits, {@code +}, spaces, dashes and
     * parentheses.
     */
    public Set<String> commonSpellings(String e164) {
        Set<String> forms = new LinkedHashSet<>();
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{6,14}")) {
            return forms;
        }
        String all = e164.substring(1);
        forms.add(e164);
        forms.add(all);
        forms.add("00" + all);
        if (all.startsWith(countryCode) && all.length() == countryCode.length() + nationalLength) {
            String nsn = all.substring(countryCode.length());
            String national = trunkPrefix + nsn;
            forms.add(national);
            if (nationalLength == 9) {
                String op = nsn.substring(0, 2);
                String a = nsn.substring(2, 5);
                String b = nsn.substring(5, 7);
                String c = nsn.substring(7, 9);
                forms.add("+" + countryCode + " " + op + " " + a + " " + b + " " + c);
                forms.add("+" + countryCode + " (" + op + ") " + a + "-" + b + "-" + c);
                forms.add("+" + countryCode + op + a + b + c);
                forms.add(trunkPrefix + op + "-" + a + "-" + b + "-" + c);
                forms.add(trunkPrefix + op + " " + a + " " + b + " " + c);
                forms.add("(" + trunkPrefix + op + ") " + a + b + c);
                forms.add("(" + trunkPrefix + op + ") " + a + "-" + b + "-" + c);
                forms.add(countryCode + " " + op + " " + a + " " + b + " " + c);
            }
        }
        return forms;
    }

    /** A form safe for logs: country code and the last two digits only ({@code +380*******33}). */
    public static String mask(String number) {
        if (number == null || number.isBlank()) {
            return "<none>";
        }
        String d = number.replaceAll("[^0-9]", "");
        if (d.length() < 6) {
            return "*".repeat(d.length());
        }
        return "+" + d.substring(0, 3) + "*".repeat(d.length() - 5) + d.substring(d.length() - 2);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '/' || c == '\u00a0';
    }

    private static String stripExtension(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        for (String marker : new String[] {"ext", "доб", "x", "#"}) {
            int at = lower.indexOf(marker);
            if (at > 0) {
                return s.substring(0, at).strip();
            }
        }
        return s;
    }
}
