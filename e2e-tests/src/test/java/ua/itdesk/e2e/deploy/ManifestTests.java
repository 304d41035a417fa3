package ua.itdesk.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Kubernetes manifests and the Dockerfiles of both zones: parsed into the Kubernetes Java model with no field the
 * model does not know, and consistent with what the processes listen on ({@code application.properties}).
 */
class ManifestTests {

    private static final Path ROOT = EnvTemplateTests.ROOT;

    enum Zone {
        DMZ("dmz", "dmz-bot", "dmz-bot", Map.of("webhook", "quarkus.http.port")),
        INTERNAL("internal", "internal-agent", "internal-agent", Map.of("api", "quarkus.http.ssl-port"));

        final Path k8s;
        final Path module;
        final String workload;
        /** Container port name -> the application.properties key that sets its number. */
        final Map<String, String> listeners;

        Zone(String folder, String module, String workload, Map<String, String> listeners) {
            this.k8s = ROOT.resolve("deploy").resolve(folder).resolve("k8s");
            this.module = ROOT.resolve(module);
            this.workload = workload;
            this.listeners = listeners;
        }

        List<HasMetadata> resources() {
            return Manifests.files(k8s).stream().flatMap(f -> Manifests.read(f).stream()).toList();
        }

        <T> List<T> all(Class<T> kind) {
            return resources().stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        Properties applicationProperties() throws IOException {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
                p.load(r);
            }
            return p;
        }
    }

    @ParameterizedTest
    @EnumSource(Zone.class)
    void everyManifestIsKnownToTheKubernetesModel(Zone zone) {
        for (Path file : Manifests.files(zone.k8s)) {
            List<HasMetadata> resources = Manifests.read(file);
            assertThat(resources).as(file.toString()).isNotEmpty();
            for (HasMetadata r : resources) {
                assertThat(Manifests.unknownFields(r)).as("%s: %s %s", file, r.getKind(), r.getMetadata().getName())
                        .isEmpty();
                assertThat(r.getKind()).as("secret values are never committed: %s", file).isNotEqualTo("Secret");
            }
        }
    }

    /** The check above can fail: a misspelt field is found, not silently dropped. */
    @Test
    void aMisspeltFieldIsFound(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                    - name: c
                      image: i
                      securityContext:
                        readOnlyRootFileSystem: true
                """);

        assertThat(Manifests.unknownFields(Manifests.read(file).get(0)))
                .containsExactly("spec.containers[0].securityContext.readOnlyRootFileSystem");
    }

    /** Probes reach the management port that application.properties sets, and the listener binds beyond loopback. */
    @ParameterizedTest
    @EnumSource(Zone.class)
    void probesUseTheManagementPortOfTheApplication(Zone zone) throws IOException {
        Container c = container(zone);
        int management = Integer.parseInt(zone.applicationProperties().getProperty("quarkus.management.port"));
        ConfigMap config = zone.all(ConfigMap.class).get(0);

        assertThat(port(c, "management")).isEqualTo(management);
        assertThat(config.getData()).containsEntry("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
        assertThat(Arrays.asList(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe()))
                .allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
        assertThat(path(c.getLivenessProbe())).isEqualTo("/q/health/live");
        // own readiness only: /q/health/ready holds the dependencies (README, "Health and probes")
        assertThat(path(c.getReadinessProbe())).isEqualTo("/q/health/started");
        assertThat(path(c.getStartupProbe())).isEqualTo("/q/health/started");
    }

    @ParameterizedTest
    @EnumSource(Zone.class)
    void containerPortsAreTheApplicationsListeners(Zone zone) throws IOException {
        Container c = container(zone);
        Properties props = zone.applicationProperties();

        zone.listeners.forEach((name, key) ->
                assertThat(port(c, name)).as(name).isEqualTo(Integer.parseInt(props.getProperty(key))));
        if (zone == Zone.INTERNAL) {
            assertThat(port(c, "jira-webhook")).isEqualTo(Integer.parseInt(ConfigKeys.of(EnvTemplateTests.Zone.INTERNAL.mapping).stream()
                    .filter(k -> k.name().equals("agent.jira.webhook.port")).findFirst().orElseThrow()
                    .defaultValue().orElseThrow()));
        }
        List<String> names = c.getPorts().stream().map(ContainerPort::getName).toList();
        for (Service s : zone.all(Service.class)) {
            assertThat(s.getSpec().getSelector()).isEqualTo(Map.of("app.kubernetes.io/name", zone.workload));
            assertThat(s.getSpec().getPorts().stream().map(ServicePort::getTargetPort).map(t -> t.getStrVal()))
                    .allMatch(names::contains);
        }
    }

    @ParameterizedTest
    @EnumSource(Zone.class)
    void thePodRunsUnprivilegedOnAReadOnlyRootWithAWritableTmp(Zone zone) {
        PodSpec pod = zone.all(Deployment.class).get(0).getSpec().getTemplate().getSpec();
        Container c = container(zone);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        String tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow().getName();
        assertThat(pod.getVolumes().stream().filter(v -> v.getName().equals(tmp)).map(Volume::getEmptyDir))
                .doesNotContainNull().hasSize(1);
        // whole Secret volumes: Kubernetes replaces their files in place, which a subPath mount would never see
        assertThat(c.getVolumeMounts()).allSatisfy(m -> assertThat(m.getSubPath()).isNull());
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
    }

    /** The Dockerfile exposes the Deployment's ports and copies the fast-jar's layout. */
    @ParameterizedTest
    @EnumSource(Zone.class)
    void theDockerfileExposesTheContainerPortsAndCopiesTheFastJar(Zone zone) throws IOException {
        String dockerfile = Files.readString(zone.module.resolve("src/main/docker/Dockerfile.jvm"));
        Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(dockerfile);
        assertThat(expose.find()).isTrue();
        List<Integer> exposed = Arrays.stream(expose.group(1).trim().split("\\s+")).map(Integer::valueOf).toList();
        List<String> copied = Pattern.compile("(?m)^COPY --chown=\\S+ (\\S+) ").matcher(dockerfile).results()
                .map(r -> r.group(1)).toList();

        assertThat(exposed).containsExactlyInAnyOrderElementsOf(
                container(zone).getPorts().stream().map(ContainerPort::getContainerPort).toList());
        assertThat(dockerfile).containsPattern("(?m)^USER 185$").doesNotContainPattern("(?m)^HEALTHCHECK");
        assertThat(copied).containsExactly("target/quarkus-app/lib/", "target/quarkus-app/*.jar",
                "target/quarkus-app/app/", "target/quarkus-app/quarkus/");
        Path app = zone.module.resolve("target/quarkus-app");
        assumeThat(app).as("%s is packaged (./mvnw package), so the paths can be checked", app).isDirectory();
        assertThat(app.resolve("quarkus-run.jar")).isRegularFile();
        assertThat(List.of("lib", "app", "quarkus")).allSatisfy(d -> assertThat(app.resolve(d)).isDirectory());
    }

    private static Container container(Zone zone) {
        List<Container> containers = zone.all(Deployment.class).get(0).getSpec().getTemplate().getSpec()
                .getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static int port(Container c, String name) {
        return c.getPorts().stream().filter(p -> Objects.equals(p.getName(), name)).findFirst()
                .map(ContainerPort::getContainerPort).orElseThrow(() -> new AssertionError("no port " + name));
    }

    private static String path(Probe probe) {
        return Optional.ofNullable(probe).map(p -> p.getHttpGet().getPath()).orElse("(no probe)");
    }
}
