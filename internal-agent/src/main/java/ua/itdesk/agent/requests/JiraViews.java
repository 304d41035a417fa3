package ua.itdesk.agent.requests;

import ua.itdesk.agent.jira.Comment;
import ua.itdesk.agent.jira.JiraDate;
import ua.itdesk.agent.jira.JiraUser;
import ua.itdesk.contracts.v1.PublicComment;

/** Jira's shapes as the bot sees them, the same in every call that shows them. */
public final class JiraViews {

    private JiraViews() {
    }

    /** A comment with its author's display name. */
    public static PublicComment publicComment(Comment c) {
        JiraDate created = c.created();
        return new PublicComment(c.id(), displayName(c.author()), c.body(),
                created == null ? null : created.instant().orElse(null));
    }

    /** The display name, else the account reference; null for nobody. */
    public static String displayName(JiraUser user) {
        if (user == null) {
            return null;
        }
        return user.displayName() != null ? user.displayName() : user.reference();
    }
}
