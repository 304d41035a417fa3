package ua.itdesk.sandbox.people;

/**
 * One seeded person; the same list feeds the LDAP directory, the HR stand-in and the Telegram page.
 *
 * @param employeeId     HR and directory key ({@code employeeID} in AD), e.g. {@code E1001}
 * @param login          {@code sAMAccountName}; also the local part of {@code mail} and {@code userPrincipalName}
 * @param fullName       Ukrainian full name as in {@code displayName}
 * @param latinName      official transliteration of {@code fullName}
 * @param phoneAttribute {@code mobile} or {@code telephoneNumber}: where the number the person shares is stored
 * @param phoneAsStored  the number as typed in AD, e.g. {@code 050-111-22-33}
 * @param e164           the same number in E.164, e.g. {@code +380501112233}
 * @param role           {@code employee}, {@code specialist} or {@code supervisor}, from directory groups
 * @param disabled       {@code userAccountControl} has bit 0x2
 * @param hrStatus       {@code ACTIVE}, {@code ON_LEAVE}, {@code TERMINATED}, or null when absent from HR
 * @param telegramUserId the sandbox Telegram user id of this person
 * @param languageCode   Telegram {@code language_code}: {@code uk} or {@code en}
 */
public record SeedPerson(String employeeId, String login, String fullName, String latinName, String position,
        String department, String mail, String phoneAttribute, String phoneAsStored, String e164, String role,
        boolean disabled, String hrStatus, long telegramUserId, String languageCode) {

    /** Whether the agent should let this person in: an enabled account of someone active in HR. */
    public boolean canLogIn() {
        return !disabled && "ACTIVE".equals(hrStatus);
    }

    /** The given name, what Telegram shows as {@code first_name}. */
    public String firstName() {
        int space = fullName.indexOf(' ');
        return space < 0 ? fullName : fullName.substring(0, space);
    }

    /** The family name, Telegram's {@code last_name}. */
    public String lastName() {
        int space = fullName.indexOf(' ');
        return space < 0 ? null : fullName.substring(space + 1);
    }
}
