package ua.itdesk.bot.agent;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.v1.AuthApi;
import ua.itdesk.contracts.v1.ChangesQuery;
import ua.itdesk.contracts.v1.EventsApi;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.Presence;
import ua.itdesk.contracts.v1.PresenceApi;
import ua.itdesk.contracts.v1.RequestsApi;

/** The bot's REST clients mirror the contract's interfaces; this keeps the copies honest. */
class AgentRestClientContractTest {

    @Test
    void theRestClientCallsExactlyTheContractsEndpoints() {
        assertThat(endpoints(AgentAuthRestClient.class)).isEqualTo(endpoints(AuthApi.class));
        assertThat(AgentAuthRestClient.class.getAnnotation(Path.class).value())
                .isEqualTo(AuthApi.class.getAnnotation(Path.class).value());
    }

    @Test
    void theRestClientReturnsTheContractsTypes() {
        for (Method contract : AuthApi.class.getDeclaredMethods()) {
            Method mirror = Arrays.stream(AgentAuthRestClient.class.getDeclaredMethods())
                    .filter(m -> m.getName().equals(contract.getName())).findFirst().orElseThrow();
            assertThat(mirror.getReturnType()).as(contract.getName()).isEqualTo(contract.getReturnType());
        }
    }

    @Test
    void theEventsClientCallsTheContractsEventPresenceAndCommentEndpoints() throws Exception {
        assertThat(endpoint(AgentEventsRestClient.class.getDeclaredMethod("events", String.class, int.class)))
                .isEqualTo(endpoint(EventsApi.class.getDeclaredMethod("events", String.class, int.class)));
        assertThat(endpoint(AgentEventsRestClient.class.getDeclaredMethod("changes", ChangesQuery.class)))
                .isEqualTo(endpoint(EventsApi.class.getDeclaredMethod("changes", ChangesQuery.class)));
        assertThat(endpoint(AgentEventsRestClient.class.getDeclaredMethod("replacePresence", Presence.class)))
                .isEqualTo(endpoint(PresenceApi.class.getDeclaredMethod("replace", Presence.class)));
        assertThat(endpoint(AgentEventsRestClient.class.getDeclaredMethod("comment", String.class, String.class,
                String.class, NewComment.class)))
                .isEqualTo(endpoint(RequestsApi.class.getDeclaredMethod("comment", String.class, NewComment.class)));
    }

    @Test
    void theLongPollSendsTheContractsQueryParameters() throws Exception {
        assertThat(queryParams(AgentEventsRestClient.class.getDeclaredMethod("events", String.class, int.class)))
                .isEqualTo(queryParams(EventsApi.class.getDeclaredMethod("events", String.class, int.class)));
    }

    /** Verb and full path of one method: its interface's path and its own. */
    private static String endpoint(Method m) {
        String verb = m.isAnnotationPresent(POST.class) ? "POST" : m.isAnnotationPresent(GET.class) ? "GET"
                : m.isAnnotationPresent(PUT.class) ? "PUT" : "?";
        Path own = m.getAnnotation(Path.class);
        return verb + " " + m.getDeclaringClass().getAnnotation(Path.class).value() + (own == null ? "" : own.value())
                + " -> " + m.getReturnType().getName();
    }

    private static java.util.List<String> queryParams(Method m) {
        return Arrays.stream(m.getParameters()).filter(p -> p.isAnnotationPresent(QueryParam.class))
                .map(p -> p.getAnnotation(QueryParam.class).value()).toList();
    }

    private static Map<String, String> endpoints(Class<?> api) {
        Map<String, String> endpoints = new TreeMap<>();
        for (Method m : api.getDeclaredMethods()) {
            Path path = m.getAnnotation(Path.class);
            if (path == null) {
                continue;
            }
            String verb = m.isAnnotationPresent(POST.class) ? "POST" : m.isAnnotationPresent(GET.class) ? "GET" : "?";
            endpoints.put(m.getName(), verb + " " + path.value());
        }
        return endpoints;
    }
}
