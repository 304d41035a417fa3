package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A knowledge base article found for a query (ArticleDTO); {@code excerpt} may hold Jira's highlighting. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Article(String title, String excerpt, Source source, Content content) {

    /** Where the article lives, e.g. {@code confluence} with its page id and space key. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String type, String pageId, String spaceKey) {
    }

    /** An address that renders the article. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Content(String iframeSrc) {
    }
}
