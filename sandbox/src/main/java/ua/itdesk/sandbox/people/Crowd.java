package ua.itdesk.sandbox.people;

import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated employees who join the seed for load tests, so that the benchmarks can play as many concurrent chats as
 * the requirements name (PERF1: 50) while the hand-written seed stays small. Each can log in (enabled account,
 * active in HR), has a mobile number of its own and a Telegram id above the seed's; nothing else is special about
 * them.
 */
final class Crowd {

    static final String ID_PREFIX = "L";
    private static final long FIRST_TELEGRAM_ID = 7_100_090_000L;
    private static final String PEOPLE_OU = "OU=People,DC=corp,DC=example,DC=com";

    private Crowd() {
    }

    static List<SeedPerson> people(int size) {
        List<SeedPerson> people = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            String n = String.format("%03d", i);
            String n4 = String.format("%04d", i);
            String login = "load." + n;
            people.add(new SeedPerson(ID_PREFIX + n4, login, "Тарас Тестовий-" + n, "Taras Testovyi-" + n,
                    "Бухгалтер", "Бухгалтерія", login + "@corp.example.com", "mobile", "+380 67 900 " + n4,
                    "+38067900" + n4, "employee", false, "ACTIVE", FIRST_TELEGRAM_ID + i, "uk"));
        }
        return people;
    }

    /** The directory entries of {@link #people}, shaped like the seed's own users. */
    static List<Entry> entries(int size) {
        List<Entry> entries = new ArrayList<>(size);
        for (SeedPerson p : people(size)) {
            Entry e = new Entry("CN=" + p.fullName() + "," + PEOPLE_OU);
            e.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
            e.addAttribute("cn", p.fullName());
            e.addAttribute("name", p.fullName());
            e.addAttribute("displayName", p.fullName());
            e.addAttribute("givenName", p.firstName());
            e.addAttribute("sn", p.lastName());
            e.addAttribute("sAMAccountName", p.login());
            e.addAttribute("userPrincipalName", p.mail());
            e.addAttribute("mail", p.mail());
            e.addAttribute("employeeID", p.employeeId());
            e.addAttribute("title", p.position());
            e.addAttribute("department", p.department());
            e.addAttribute(p.phoneAttribute(), p.phoneAsStored());
            e.addAttribute("userAccountControl", "512");
            e.addAttribute("userPassword", SeedPeople.USER_PASSWORD);
            entries.add(e);
        }
        return entries;
    }
}
