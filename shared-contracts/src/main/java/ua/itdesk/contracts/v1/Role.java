package ua.itdesk.contracts.v1;

/** What a person may do through the bot; derived by the agent from AD group membership (A4). */
public enum Role {
    EMPLOYEE,
    SPECIALIST,
    SUPERVISOR;

    /** The JWT group name of this role, as the agent writes it into the token's {@code groups} claim. */
    public String group() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role fromGroup(String group) {
        return valueOf(group.toUpperCase(java.util.Locale.ROOT));
    }

    /** Specialists and supervisors handle requests; a supervisor is also a specialist. */
    public boolean handlesRequests() {
        return this != EMPLOYEE;
    }
}
