package ua.itdesk.bot.agent;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.v1.AuthApi;

/** The bot's REST client mirrors the contract's interface; this keeps the copy honest. */
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
