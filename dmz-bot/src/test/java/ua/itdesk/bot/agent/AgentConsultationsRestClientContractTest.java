package ua.itdesk.bot.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.itdesk.bot.agent.AgentRequestsRestClientContractTest.endpoints;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.ConsultationsApi;

/** The bot's consultations client and the streaming upload together cover the contract's ConsultationsApi exactly. */
class AgentConsultationsRestClientContractTest {

    @Test
    void theRestClientCallsTheContractsEndpointsAndTheUploadTheRest() {
        Map<String, String> contract = endpoints(ConsultationsApi.class);
        Map<String, String> mirror = endpoints(AgentConsultationsRestClient.class);
        mirror.put("attach", "POST /{key}/attachments");
        assertThat(mirror).isEqualTo(contract);
        assertThat(AgentConsultationsRestClient.class.getAnnotation(Path.class).value())
                .isEqualTo(ConsultationsApi.class.getAnnotation(Path.class).value())
                .isEqualTo(ApiPaths.CONSULTATIONS);
    }

    @Test
    void theRestClientReturnsTheContractsTypes() {
        for (String name : endpoints(AgentConsultationsRestClient.class).keySet()) {
            Method mirror = method(AgentConsultationsRestClient.class, name);
            Method contract = method(ConsultationsApi.class, name);
            assertThat(mirror.getGenericReturnType()).as(name).isEqualTo(contract.getGenericReturnType());
        }
    }

    private static Method method(Class<?> api, String name) {
        return Arrays.stream(api.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
