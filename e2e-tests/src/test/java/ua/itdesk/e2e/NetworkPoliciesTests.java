package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import ua.itdesk.e2e.deploy.Manifests;

/** The committed NetworkPolicies against the firewall matrix they are generated from, and against their Deployments. */
class NetworkPoliciesTests {

    private static final Path ROOT = Path.of(System.getProperty("itdesk.root", "..")).toAbsolutePath().normalize();
    private static final NetworkPolicies POLICIES = NetworkPolicies.load(ROOT);

    static List<NetworkPolicies.Cluster> clusters() {
        return POLICIES.clusters();
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void theCommittedPolicyIsTheOneGeneratedFromTheMatrix(NetworkPolicies.Cluster cluster) throws IOException {
        Path file = ROOT.resolve("deploy").resolve(cluster.file());
        String expected = POLICIES.yaml(cluster);

        assertThat(Files.exists(file) ? Files.readString(file) : "(missing)")
                .as("%s, generated from deploy/firewall-matrix.json and deploy/kubernetes-peers.json; write:%n%s",
                        ROOT.relativize(file), expected)
                .isEqualTo(expected);
    }

    /** Every port the policy opens towards the workload is one its pods listen on, and it selects those pods. */
    @ParameterizedTest
    @MethodSource("clusters")
    void thePolicySelectsTheDeploymentsPodsAndOpensOnlyTheirPorts(NetworkPolicies.Cluster cluster) {
        Path folder = ROOT.resolve("deploy").resolve(cluster.file()).getParent();
        NetworkPolicy policy = (NetworkPolicy) Manifests.read(folder.resolve("networkpolicy.yaml")).get(0);
        Deployment deployment = Manifests.files(folder).stream().flatMap(f -> Manifests.read(f).stream())
                .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
        List<Integer> containerPorts = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream()).map(p -> p.getContainerPort()).toList();

        assertThat(Manifests.unknownFields(policy)).isEmpty();
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getMetadata().getNamespace()).isEqualTo(deployment.getMetadata().getNamespace());
        assertThat(policy.getSpec().getIngress().stream().map(NetworkPolicyIngressRule::getPorts)
                .flatMap(List::stream).map(NetworkPolicyPort::getPort).map(p -> p.getIntVal()))
                .isNotEmpty().allMatch(containerPorts::contains);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    }

    /** Z1: from the DMZ's cluster the only way into the internal zone is the agent's API port. */
    @Test
    void theBotsPolicyOpensNothingInTheInternalZoneButTheAgent() {
        NetworkPolicies.Cluster dmz = POLICIES.clusters().stream().filter(c -> c.zone().equals("dmz")).findFirst()
                .orElseThrow();
        NetworkPolicy policy = (NetworkPolicy) Manifests.read(ROOT.resolve("deploy").resolve(dmz.file())).get(0);

        assertThat(policy.getSpec().getEgress().stream()
                .filter(e -> e.getTo().stream().anyMatch(p -> p.getIpBlock() != null
                        && dmz.peers().get("internal-agent").cidrs().contains(p.getIpBlock().getCidr())))
                .flatMap(e -> e.getPorts().stream()).map(p -> p.getPort().getIntVal()))
                .containsExactly(8443);
    }

    @Test
    void aRuleWhosePartyHasNoPlaceInTheClusterIsAnError() {
        NetworkPolicies.Cluster withoutDatabase = new NetworkPolicies.Cluster("dmz", "itdesk-dmz", "dmz-bot", "x.yaml",
                Map.of("telegram-api", new NetworkPolicies.Peer(List.of("149.154.160.0/20"), null, null, null)));

        assertThatThrownBy(() -> new NetworkPolicies(POLICIES.matrix(), List.of(withoutDatabase)))
                .hasMessageContaining("needs a place for");
    }
}
