package ua.itdesk.agent.requests;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.RequestType;
import ua.itdesk.agent.jira.RequestTypeFields;
import ua.itdesk.contracts.v1.Category;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * The service desk's request types, kept for {@code agent.requests.categories-ttl} (T1: the categories are cached).
 * A refresh reads the list, then the fields of each type (one call per type) to learn whether the type requires a
 * description. When the list cannot be read at refresh time, the previous one is served on; without one the call
 * fails (503). When only the fields of a type cannot be read, the type keeps what the previous list said about its
 * description, or, new, counts as not requiring one, until the next refresh: a category stays choosable, and should
 * it need a description after all, Jira refuses the request and the bot tells the employee why, which is better
 * than hiding the category or failing the whole list.
 */
@ApplicationScoped
class CategoryCache {

    private static final Logger LOG = Logger.getLogger(CategoryCache.class);
    private static final String DESCRIPTION = "description";

    private final Supplier<List<RequestType>> types;
    private final Function<String, RequestTypeFields> fields;
    private final Duration ttl;
    private final Clock clock;
    private volatile Snapshot snapshot;

    @Inject
    CategoryCache(JiraClient jira, AgentConfig config) {
        this(jira::allRequestTypes, jira::requestTypeFields, config.requests().categoriesTtl(), Clock.systemUTC());
    }

    CategoryCache(Supplier<List<RequestType>> types, Function<String, RequestTypeFields> fields, Duration ttl,
            Clock clock) {
        this.types = types;
        this.fields = fields;
        this.ttl = ttl;
        this.clock = clock;
    }

    List<Category> categories() {
        Snapshot known = snapshot;
        if (known != null && known.fetched().plus(ttl).isAfter(clock.instant())) {
            return known.categories();
        }
        return refresh(known);
    }

    /** The category with this id, if the service desk has it. */
    Optional<Category> find(String categoryId) {
        return categories().stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }

    private synchronized List<Category> refresh(Snapshot seen) {
        Snapshot known = snapshot;
        if (known != seen && known != null) {
            return known.categories(); // another thread refreshed meanwhile
        }
        List<RequestType> fresh;
        try {
            fresh = JiraCalls.call(types).stream().filter(t -> t.id() != null && t.name() != null).toList();
        } catch (ApiException e) {
            if (known != null && e.kind() == ProblemType.DEPENDENCY_UNAVAILABLE) {
                LOG.warnf("request types not refreshed, serving the list of %s", known.fetched());
                return known.categories();
            }
            throw e;
        }
        List<Category> categories = fresh.stream().map(t -> category(t, descriptionRequired(t, known))).toList();
        snapshot = new Snapshot(categories, clock.instant());
        return categories;
    }

    private boolean descriptionRequired(RequestType type, Snapshot known) {
        try {
            return JiraCalls.call(() -> fields.apply(type.id())).field(DESCRIPTION)
                    .map(RequestTypeFields.Field::required).orElse(false);
        } catch (ApiException e) {
            Optional<Category> before = known == null ? Optional.empty()
                    : known.categories().stream().filter(c -> c.id().equals(type.id())).findFirst();
            boolean required = before.map(Category::descriptionRequired).orElse(false);
            LOG.warnf("fields of request type %s not read (%s): description %s until the next refresh%s", type.id(),
                    e.reason(), required ? "required" : "not required",
                    before.isPresent() ? ", as before" : "");
            return required;
        }
    }

    private static Category category(RequestType type, boolean descriptionRequired) {
        String description = type.description() == null || type.description().isBlank() ? null : type.description();
        return new Category(type.id(), type.name(), description, descriptionRequired);
    }

    private record Snapshot(List<Category> categories, Instant fetched) {
    }
}
