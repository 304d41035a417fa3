package ua.itdesk.contracts.v1;

/**
 * A knowledge base article that may answer the employee's question before they raise a request (T6).
 *
 * @param title   the article's title
 * @param excerpt a short passage of it, plain text; may be null
 * @param url     where the article can be read; may be null
 */
public record KnowledgeArticle(String title, String excerpt, String url) {
}
