package ua.itdesk.agent.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ua.itdesk.sandbox.directory.DirectoryStandIn;
import ua.itdesk.sandbox.hr.HrStandIn;
import ua.itdesk.sandbox.pki.Pki;

/**
 * A fresh PKI, the AD-shaped directory and the HR service on free ports, handed to the agent as its
 * {@code agent.*} configuration. With the init argument {@code directory=down} the agent is pointed at a port
 * where nothing listens, to see how it copes with a dead directory.
 */
public class AgentSandboxResource implements QuarkusTestResourceLifecycleManager {

    public static final String DIRECTORY_DOWN = "down";

    private boolean directoryDown;
    private Path dir;
    private Sandbox sandbox;

    @Override
    public void init(Map<String, String> initArgs) {
        directoryDown = DIRECTORY_DOWN.equals(initArgs.get("directory"));
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("agent-test-pki");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pki pki = Pki.generate(dir);
        String apiKey = UUID.randomUUID().toString();
        DirectoryStandIn directory = directoryDown ? null : DirectoryStandIn.start(pki, 0);
        HrStandIn hr = HrStandIn.start(pki, 0, apiKey);
        sandbox = new Sandbox(pki, directory, hr);

        Map<String, String> config = new HashMap<>();
        config.put("agent.tls.cert", pki.agentCert().toString());
        config.put("agent.tls.key", pki.agentKey().toString());
        config.put("agent.tls.client-ca", pki.caCert().toString());
        config.put("agent.jwt.sign-key", pki.jwtPrivateKey().toString());
        config.put("agent.jwt.verify-key", pki.jwtPublicKey().toString());
        config.put("agent.ldap.url", directory == null ? "ldaps://localhost:" + closedPort() : directory.ldapsUrl());
        config.put("agent.ldap.bind-dn", directory == null ? "CN=nobody" : directory.bindDn());
        config.put("agent.ldap.bind-password", directory == null ? "unused" : directory.bindPassword());
        config.put("agent.ldap.trust-certs", pki.caCert().toString());
        config.put("agent.ldap.base-dn", directory == null ? "DC=corp,DC=example,DC=com" : directory.baseDn());
        if (directory != null) {
            config.put("agent.roles.specialist-groups", directory.specialistGroupDn());
            config.put("agent.roles.supervisor-groups", directory.supervisorGroupDn());
        }
        config.put("agent.hr.url", hr.baseUrl());
        config.put("agent.hr.api-key", apiKey);
        config.put("agent.hr.trust-certs", pki.caCert().toString());
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(sandbox,
                new TestInjector.AnnotatedAndMatchesType(InjectSandbox.class, Sandbox.class));
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            if (sandbox.directory() != null) {
                sandbox.directory().close();
            }
            sandbox.hr().close();
        }
        deleteQuietly(dir);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
