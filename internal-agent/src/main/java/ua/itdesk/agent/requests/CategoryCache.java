package ua.itdesk.agent.requests;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.RequestType;
import ua.itdesk.contracts.v1.Category;

/**
 * The service desk's request types, kept for {@code agent.requests.categories-ttl} (T1: the categories are cached).
 * When Jira cannot be reached at refresh time, the previous list is served on; without one the call fails (503).
 */
@ApplicationScoped
class CategoryCache {

    private static final Logger LOG = Logger.getLogger(CategoryCache.class);

    private final JiraClient jira;
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot;

    CategoryCache(JiraClient jira, AgentConfig config) {
        this.jira = jira;
        this.ttl = config.requests().categoriesTtl();
    }

    List<Category> categories() {
        Snapshot known = snapshot;
        if (known != null && known.fetched().plus(ttl).isAfter(clock.instant())) {
            return known.categories();
        }
        return refresh(known);
    }

    boolean contains(String categoryId) {
        return categories().stream().anyMatch(c -> c.id().equals(categoryId));
    }

    private synchronized List<Category> refresh(Snapshot seen) {
        Snapshot known = snapshot;
        if (known != seen && known != null) {
            return known.categories(); // another thread refreshed meanwhile
        }
        try {
            List<Category> fresh = JiraCalls.call(jira::allRequestTypes).stream()
                    .filter(t -> t.id() != null && t.name() != null)
                    .map(CategoryCache::category).toList();
            snapshot = new Snapshot(fresh, clock.instant());
            return fresh;
        } catch (ApiException e) {
            if (known != null && e.kind() == ua.itdesk.contracts.v1.ProblemType.DEPENDENCY_UNAVAILABLE) {
                LOG.warnf("request types not refreshed, serving the list of %s", known.fetched());
                return known.categories();
            }
            throw e;
        }
    }

    private static Category category(RequestType type) {
        String description = type.description() == null || type.description().isBlank() ? null : type.description();
        return new Category(type.id(), type.name(), description);
    }

    private record Snapshot(List<Category> categories, Instant fetched) {
    }
}
