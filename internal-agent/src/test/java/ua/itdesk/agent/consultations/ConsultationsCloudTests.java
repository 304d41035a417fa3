package ua.itdesk.agent.consultations;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ua.itdesk.agent.testing.AgentSandboxResource;

/** {@link ConsultationsTests} against Jira Cloud. */
@QuarkusTest
@WithTestResource(value = AgentSandboxResource.class,
        initArgs = @ResourceArg(name = "jira", value = AgentSandboxResource.JIRA_STAND_IN_CLOUD))
class ConsultationsCloudTests extends ConsultationsTests {
}
