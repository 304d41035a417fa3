package ua.itdesk.agent.requests;

import jakarta.annotation.security.RolesAllowed;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.Category;
import ua.itdesk.contracts.v1.KnowledgeArticle;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.NewRequest;
import ua.itdesk.contracts.v1.PublicComment;
import ua.itdesk.contracts.v1.RequestDetail;
import ua.itdesk.contracts.v1.RequestPage;
import ua.itdesk.contracts.v1.RequestSummary;
import ua.itdesk.contracts.v1.RequestsApi;

/** {@link RequestsApi} ({@code POST} answers 201: {@link CreatedStatus}) for the employee the session token names; every call blocks on Jira (worker thread). */
@RolesAllowed({"employee", "specialist", "supervisor"})
public class RequestsResource implements RequestsApi {

    private final RequestsService requests;
    private final JsonWebToken token;

    RequestsResource(RequestsService requests, JsonWebToken token) {
        this.requests = requests;
        this.token = token;
    }

    @Override
    public List<Category> categories() {
        return requests.categories();
    }

    @Override
    public RequestSummary create(String idempotencyKey, NewRequest request) {
        return requests.create(Caller.of(token), idempotencyKey, request);
    }

    @Override
    public RequestPage mine(String cursor) {
        return requests.mine(Caller.of(token), cursor);
    }

    @Override
    @RolesAllowed({"specialist", "supervisor"})
    public RequestPage assigned(String cursor) {
        return requests.assigned(Caller.of(token), cursor);
    }

    @Override
    public List<KnowledgeArticle> knowledge(String query) {
        return requests.knowledge(query);
    }

    @Override
    public RequestDetail detail(String key) {
        return requests.detail(Caller.of(token), key);
    }

    @Override
    public AttachmentReceipt attach(String key, String fileName, String contentType, InputStream content) {
        return requests.attach(Caller.of(token), key, fileName, contentType, content);
    }

    @Override
    public PublicComment comment(String key, NewComment comment) {
        return requests.comment(Caller.of(token), key, comment);
    }
}
