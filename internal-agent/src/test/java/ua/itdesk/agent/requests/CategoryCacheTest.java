package ua.itdesk.agent.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.jira.RequestType;
import ua.itdesk.agent.jira.RequestTypeFields;
import ua.itdesk.agent.testing.MutableClock;
import ua.itdesk.contracts.v1.Category;
import ua.itdesk.contracts.v1.ProblemType;

class CategoryCacheTest {

    private static final Duration TTL = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-11T10:00:00Z"));
    private final List<RequestType> desk = new ArrayList<>(List.of(type("10", "Hardware"), type("12", "Access"),
            type("16", "Other")));
    /** Types whose description field Jira marks required; "16" has no description field at all. */
    private final Set<String> requiringDescription = new HashSet<>(Set.of("12"));
    private final List<String> fieldCalls = new ArrayList<>();
    private boolean listDown;
    private boolean fieldsDown;
    private final CategoryCache cache = new CategoryCache(this::listTypes, this::fieldsOf, TTL, clock);

    @Test
    void aTypeRequiresADescriptionWhenItsDescriptionFieldIsRequired() {
        assertThat(cache.categories()).containsExactly(
                new Category("10", "Hardware", "About Hardware", false),
                new Category("12", "Access", "About Access", true),
                new Category("16", "Other", "About Other", false));
        assertThat(cache.find("12")).map(Category::descriptionRequired).contains(true);
        assertThat(cache.find("99")).isEmpty();
    }

    @Test
    void theFieldsAreReadOncePerTypePerRefresh() {
        cache.categories();
        clock.advance(TTL.minusSeconds(1));
        cache.categories();
        cache.find("12");

        assertThat(fieldCalls).containsExactly("10", "12", "16");

        clock.advance(Duration.ofSeconds(1));
        requiringDescription.add("10");

        assertThat(cache.find("10")).map(Category::descriptionRequired).contains(true);
        assertThat(fieldCalls).containsExactly("10", "12", "16", "10", "12", "16");
    }

    @Test
    void fieldsThatCannotBeReadKeepTheLastAnswerAndANewTypeCountsAsNotRequiring() {
        cache.categories();
        clock.advance(TTL);
        desk.add(type("17", "Badges"));
        requiringDescription.add("17");
        fieldsDown = true;

        assertThat(cache.categories()).extracting(Category::id, Category::descriptionRequired)
                .containsExactly(tuple("10", false), tuple("12", true), tuple("16", false), tuple("17", false));

        // the guess is not kept beyond the next refresh
        clock.advance(TTL);
        fieldsDown = false;
        assertThat(cache.find("17")).map(Category::descriptionRequired).contains(true);
    }

    @Test
    void anUnreadableListServesThePreviousOneAndWithoutOneIsUnavailable() {
        listDown = true;
        assertThatThrownBy(cache::categories).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.kind()).isEqualTo(ProblemType.DEPENDENCY_UNAVAILABLE));

        listDown = false;
        List<Category> first = cache.categories();
        clock.advance(TTL);
        listDown = true;

        assertThat(cache.categories()).isEqualTo(first);
    }

    private List<RequestType> listTypes() {
        if (listDown) {
            throw new CircuitBreakerOpenException("jira");
        }
        return List.copyOf(desk);
    }

    private RequestTypeFields fieldsOf(String typeId) {
        fieldCalls.add(typeId);
        if (fieldsDown) {
            throw new CircuitBreakerOpenException("jira");
        }
        List<RequestTypeFields.Field> fields = new ArrayList<>();
        fields.add(field("summary", true));
        if (!typeId.equals("16")) {
            fields.add(field("description", requiringDescription.contains(typeId)));
        }
        return new RequestTypeFields(true, true, fields);
    }

    private static RequestTypeFields.Field field(String id, boolean required) {
        return new RequestTypeFields.Field(id, id, null, required, true, List.of(), null);
    }

    private static RequestType type(String id, String name) {
        return new RequestType(id, name, "About " + name, null, "10200", "10", List.of());
    }
}
