package ua.itdesk.agent.directory;

import java.util.Optional;
import ua.itdesk.contracts.v1.Role;

/**
 * The corporate directory as the identity flow needs it: who owns a phone number, who has an employee id, and
 * what role their groups give them. Nothing else of the directory is reachable through the agent (Z2).
 *
 * <p>Every method throws {@link DirectoryUnavailableException} (or a fault-tolerance exception) when the directory
 * cannot answer; "not found" is an empty result, never an exception.
 */
public interface Directory {

    /** The one person whose phone attribute holds this E.164 number; empty when none or more than one does. */
    Optional<DirectoryPerson> findByPhone(String e164);

    /** The one person with this employee id; empty when none or more than one has it. */
    Optional<DirectoryPerson> findByEmployeeId(String employeeId);

    /**
     * The one person with this e-mail address ({@code mail}, compared as the directory does, without regard to
     * case); empty when none or more than one has it. Used to name Jira users by employee id.
     */
    Optional<DirectoryPerson> findByMail(String mail);

    /** The role granted by the person's direct and nested group memberships. */
    Role roleOf(DirectoryPerson person);
}
