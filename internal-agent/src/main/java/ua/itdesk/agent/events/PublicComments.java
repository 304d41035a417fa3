package ua.itdesk.agent.events;

import java.util.ArrayList;
import java.util.List;
import ua.itdesk.agent.jira.Comment;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.Page;

/**
 * A request's comments as the customer sees them, from the service desk's own list (public only, on Data Center
 * and Cloud alike), page after page up to {@value #MAX_PAGES} pages of {@value #PAGE_SIZE}.
 */
final class PublicComments {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 10;

    private PublicComments() {
    }

    static List<Comment> of(JiraClient jira, String key) {
        List<Comment> all = new ArrayList<>();
        int start = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            Page<Comment> comments = jira.publicComments(key, start, PAGE_SIZE);
            comments.values().stream().filter(Comment::isPublic).forEach(all::add);
            if (comments.isLastPage() || comments.values().isEmpty()) {
                break;
            }
            start = comments.nextStart();
        }
        return all;
    }
}
