package ua.itdesk.agent.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ua.itdesk.contracts.PhoneNumbers;

/**
 * An immutable snapshot: normalized (E.164) number to the DNs of the entries holding it, whatever way the number
 * was typed into the directory. Lets a login find its entry without a directory scan and without guessing the
 * spelling (A3).
 */
final class PhoneIndex {

    /** The outcome of a lookup. */
    enum Match { UNIQUE, AMBIGUOUS, ABSENT }

    /** What the index knows about one number; {@code dn} is set only for {@link Match#UNIQUE}. */
    record Lookup(Match match, String dn) {
    }

    private final Map<String, List<String>> dnsByNumber;
    private final Instant builtAt;
    private final Duration buildTime;
    private final int entries;
    private final int unreadableValues;

    private PhoneIndex(Map<String, List<String>> dnsByNumber, Instant builtAt, Duration buildTime, int entries,
            int unreadableValues) {
        this.dnsByNumber = dnsByNumber;
        this.builtAt = builtAt;
        this.buildTime = buildTime;
        this.entries = entries;
        this.unreadableValues = unreadableValues;
    }

    static Builder builder(PhoneNumbers numbers) {
        return new Builder(numbers);
    }

    Lookup lookup(String e164) {
        List<String> dns = dnsByNumber.get(e164);
        if (dns == null) {
            return new Lookup(Match.ABSENT, null);
        }
        return dns.size() == 1 ? new Lookup(Match.UNIQUE, dns.get(0)) : new Lookup(Match.AMBIGUOUS, null);
    }

    int numbers() {
        return dnsByNumber.size();
    }

    /** Numbers held by more than one entry; logins with them are refused, so they are worth reporting. */
    int sharedNumbers() {
        return (int) dnsByNumber.values().stream().filter(dns -> dns.size() > 1).count();
    }

    int entries() {
        return entries;
    }

    int unreadableValues() {
        return unreadableValues;
    }

    Instant builtAt() {
        return builtAt;
    }

    Duration buildTime() {
        return buildTime;
    }

    static final class Builder {

        private final PhoneNumbers numbers;
        private final Instant started = Instant.now();
        private final Map<String, Set<String>> dnsByNumber = new HashMap<>();
        private int entries;
        private int unreadableValues;

        private Builder(PhoneNumbers numbers) {
            this.numbers = numbers;
        }

        /** Adds one entry with every phone value it holds, as typed. */
        Builder add(String dn, Collection<String> phoneValues) {
            entries++;
            for (String raw : phoneValues) {
                Optional<String> e164 = numbers.toE164(raw);
                if (e164.isPresent()) {
                    dnsByNumber.computeIfAbsent(e164.get(), k -> new LinkedHashSet<>()).add(dn);
                } else {
                    unreadableValues++;
                }
            }
            return this;
        }

        PhoneIndex build() {
            Map<String, List<String>> frozen = new HashMap<>(dnsByNumber.size() * 2);
            dnsByNumber.forEach((number, dns) -> frozen.put(number, List.copyOf(new ArrayList<>(dns))));
            Instant now = Instant.now();
            return new PhoneIndex(Map.copyOf(frozen), now, Duration.between(started, now), entries,
                    unreadableValues);
        }
    }
}
