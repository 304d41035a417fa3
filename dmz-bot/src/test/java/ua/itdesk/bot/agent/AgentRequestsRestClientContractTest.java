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
import ua.itdesk.contracts.v1.ApiPaths;
import ua.itdesk.contracts.v1.RequestsApi;

/** The bot's requests client and the streaming upload together cover the contract's RequestsApi exactly. */
class AgentRequestsRestClientContractTest {

    @Test
    void theRestClientCallsTheContractsEndpointsAndTheUploadTheRest() {
        Map<String, String> contract = endpoints(RequestsApi.class);
        Map<String, String> mirror = endpoints(AgentRequestsRestClient.class);
        mirror.put("attach", "POST /{key}/attachments");
        assertThat(mirror).isEqualTo(contract);
        assertThat(AgentRequestsRestClient.class.getAnnotation(Path.class).value())
                .isEqualTo(RequestsApi.class.getAnnotation(Path.class).value()).isEqualTo(ApiPaths.REQUESTS);
    }

    @Test
    void theRestClientReturnsTheContractsTypes() {
        for (Method mirror : AgentRequestsRestClient.class.getDeclaredMethods()) {
            if (mirror.getAnnotation(Path.class) == null && mirror.getAnnotation(POST.class) == null
                    && mirror.getAnnotation(GET.class) == null) {
                continue;
            }
            Method contract = Arrays.stream(RequestsApi.class.getDeclaredMethods())
                    .filter(m -> m.getName().equals(mirror.getName())).findFirst().orElseThrow();
            assertThat(mirror.getGenericReturnType()).as(mirror.getName()).isEqualTo(contract.getGenericReturnType());
        }
    }

    @Test
    void attachmentNamesArePercentEncodedUtf8() {
        assertThat(AttachmentUpload.percentEncoded("звіт за травень.pdf"))
                .isEqualTo("%D0%B7%D0%B2%D1%96%D1%82%20%D0%B7%D0%B0%20%D1%82%D1%80%D0%B0%D0%B2%D0%B5%D0%BD%D1%8C.pdf");
    }

    static Map<String, String> endpoints(Class<?> api) {
        Map<String, String> endpoints = new TreeMap<>();
        for (Method m : api.getDeclaredMethods()) {
            String verb = m.isAnnotationPresent(POST.class) ? "POST" : m.isAnnotationPresent(GET.class) ? "GET" : null;
            if (verb == null) {
                continue;
            }
            Path path = m.getAnnotation(Path.class);
            endpoints.put(m.getName(), verb + " " + (path == null ? "" : path.value()));
        }
        return endpoints;
    }
}
