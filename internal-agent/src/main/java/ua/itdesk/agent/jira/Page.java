package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of a Jira Service Management list: {@code start}, {@code limit}, {@code size}, {@code isLastPage},
 * {@code values} and {@code _links} (PagedDTO in Atlassian's OpenAPI file). Ask for the next page with
 * {@code start + size} until {@link #isLastPage()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(int start, int limit, int size, @JsonProperty("isLastPage") boolean isLastPage,
        List<T> values, @JsonProperty("_links") Links links) {

    public Page {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** Where the next page starts. */
    public int nextStart() {
        return start + values.size();
    }

    /** REST addresses of this page and its neighbours. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Links(String base, String self, String next, String prev) {
    }
}
