package ua.itdesk.agent.audit;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.jboss.logging.MDC;
import ua.itdesk.contracts.v1.ApiPaths;

/**
 * Passes the bot's correlation id on to the HTTP services the agent calls for it (Jira, HR), so that one user action
 * can be followed from the bot's log through the agent's into theirs. The id was checked by the API filter before it
 * reached the logging context; work that no bot call started (polls, webhooks, background assignment) sends none.
 */
public final class CorrelationHeader implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        Object id = MDC.get(AuditLog.CORRELATION_ID);
        if (id != null) {
            request.getHeaders().putSingle(ApiPaths.CORRELATION_HEADER, id.toString());
        }
    }
}
