package ua.itdesk.sandbox.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The seeded staff of the sandbox company, read from the directory seed ({@value #LDIF}) plus {@value #EXTRAS} for
 * what a directory does not hold (Telegram ids, languages, HR status). With the system property
 * {@value #CROWD_PROPERTY} (read once, when this class is loaded) that many generated employees join them, in every
 * stand-in; the benchmarks use it, nothing else does.
 */
public final class SeedPeople {

    /** Classpath resource with the AD-shaped directory seed. */
    public static final String LDIF = "/sandbox/directory.ldif";
    /** Classpath resource with the per-person fields the LDIF cannot carry. */
    public static final String EXTRAS = "/sandbox/people.json";
    /** The password of every seeded user account in the LDIF. */
    public static final String USER_PASSWORD = "Passw0rd!";

    /** System property: how many generated employees ({@link #inCrowd}) join the seed; none by default. */
    public static final String CROWD_PROPERTY = "sandbox.people.crowd";

    static final String SPECIALIST_GROUP_CN = "IT-Specialists";
    static final String SUPERVISOR_GROUP_CN = "IT-Supervisors";

    private static final int CROWD = Integer.getInteger(CROWD_PROPERTY, 0);
    private static final List<SeedPerson> ALL = load();

    private SeedPeople() {
    }

    public static List<SeedPerson> all() {
        return ALL;
    }

    public static SeedPerson byEmployeeId(String id) {
        return ALL.stream().filter(p -> p.employeeId().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no seeded person " + id));
    }

    /** The person with this sandbox Telegram user id, if any. */
    public static Optional<SeedPerson> byTelegramUserId(long telegramUserId) {
        return ALL.stream().filter(p -> p.telegramUserId() == telegramUserId).findFirst();
    }

    public static List<SeedPerson> withRole(String role) {
        return ALL.stream().filter(p -> p.role().equals(role)).toList();
    }

    /** Whether this person was generated for load tests rather than written into the seed. */
    public static boolean inCrowd(SeedPerson person) {
        return person.employeeId().startsWith(Crowd.ID_PREFIX);
    }

    /** The first employee (role employee) who can log in. */
    public static SeedPerson anActiveEmployee() {
        return ALL.stream().filter(p -> p.role().equals("employee") && p.canLogIn()).findFirst().orElseThrow();
    }

    /** The one whose AD account is disabled (HR still says ACTIVE, so only the directory stops them). */
    public static SeedPerson theDisabledOne() {
        return ALL.stream().filter(SeedPerson::disabled).findFirst().orElseThrow();
    }

    /** The contractor who is in AD but not in the HR system. */
    public static SeedPerson theOneMissingFromHr() {
        return ALL.stream().filter(p -> p.hrStatus() == null).findFirst().orElseThrow();
    }

    /** The directory seed as entries, in file order, then those of the generated employees. */
    public static List<Entry> ldifEntries() {
        List<Entry> entries = fileEntries();
        entries.addAll(Crowd.entries(CROWD));
        return entries;
    }

    private static List<Entry> fileEntries() {
        try (InputStream in = resource(LDIF); LDIFReader reader = new LDIFReader(in)) {
            List<Entry> entries = new ArrayList<>();
            for (Entry e = reader.readEntry(); e != null; e = reader.readEntry()) {
                entries.add(e);
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LDIFException e) {
            throw new IllegalStateException("broken " + LDIF, e);
        }
    }

    private static List<SeedPerson> load() {
        List<Entry> entries = fileEntries();
        Map<String, Entry> usersById = new LinkedHashMap<>();
        Map<String, List<String>> groupMembers = new HashMap<>();
        Map<String, String> groupDnByCn = new HashMap<>();
        for (Entry e : entries) {
            if (e.hasObjectClass("group")) {
                groupMembers.put(norm(e.getDN()), List.of(valuesOrEmpty(e, "member")));
                groupDnByCn.put(e.getAttributeValue("cn"), norm(e.getDN()));
            } else if (e.hasObjectClass("user") && e.getAttributeValue("employeeID") != null) {
                usersById.put(e.getAttributeValue("employeeID"), e);
            }
        }
        Set<String> specialists = transitiveMembers(groupDnByCn.get(SPECIALIST_GROUP_CN), groupMembers);
        Set<String> supervisors = transitiveMembers(groupDnByCn.get(SUPERVISOR_GROUP_CN), groupMembers);

        JsonNode extras;
        try (InputStream in = resource(EXTRAS)) {
            extras = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SeedPerson> people = new ArrayList<>();
        for (JsonNode x : extras) {
            String id = x.get("employeeId").asText();
            Entry e = usersById.get(id);
            if (e == null) {
                throw new IllegalStateException(EXTRAS + " names " + id + ", absent from " + LDIF);
            }
            String dn = norm(e.getDN());
            String role = supervisors.contains(dn) ? "supervisor" : specialists.contains(dn) ? "specialist" : "employee";
            String attribute = x.get("phoneAttribute").asText();
            long uac = Long.parseLong(e.getAttributeValue("userAccountControl"));
            people.add(new SeedPerson(id, e.getAttributeValue("sAMAccountName"), e.getAttributeValue("displayName"),
                    x.get("latinName").asText(), e.getAttributeValue("title"), e.getAttributeValue("department"),
                    e.getAttributeValue("mail"), attribute, e.getAttributeValue(attribute), x.get("e164").asText(),
                    role, (uac & 2) != 0, x.get("hrStatus").isNull() ? null : x.get("hrStatus").asText(),
                    x.get("telegramUserId").asLong(), x.get("languageCode").asText()));
        }
        people.addAll(Crowd.people(CROWD));
        return Collections.unmodifiableList(people);
    }

    private static Set<String> transitiveMembers(String groupDn, Map<String, List<String>> groupMembers) {
        Set<String> result = new HashSet<>();
        Set<String> seenGroups = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(groupDn));
        while (!todo.isEmpty()) {
            String g = todo.remove(todo.size() - 1);
            if (!seenGroups.add(g)) {
                continue;
            }
            for (String member : groupMembers.getOrDefault(g, List.of())) {
                String m = norm(member);
                if (groupMembers.containsKey(m)) {
                    todo.add(m);
                } else {
                    result.add(m);
                }
            }
        }
        return result;
    }

    private static String[] valuesOrEmpty(Entry e, String attribute) {
        String[] values = e.getAttributeValues(attribute);
        return values == null ? new String[0] : values;
    }

    private static String norm(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            throw new IllegalStateException("bad DN in " + LDIF + ": " + dn, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SeedPeople.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + name);
        }
        return in;
    }
}
