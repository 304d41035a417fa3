package ua.itdesk.e2e;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Kubernetes NetworkPolicy of each workload, made from the firewall matrix and {@code deploy/kubernetes-peers.json}
 * (where each party is as seen from a zone's cluster). A workload's policy admits exactly the matrix's rules that end
 * at it (ingress) and start at it (egress), plus name resolution through the cluster's DNS, which the matrix does not
 * list because it is no connection between parties; selecting the workload's pods for both directions denies the rest.
 */
record NetworkPolicies(FirewallMatrix matrix, List<Cluster> clusters) {

    static final Path PEERS = Path.of("deploy", "kubernetes-peers.json");

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final String NAME_LABEL = "app.kubernetes.io/name";

    NetworkPolicies {
        clusters = List.copyOf(clusters);
        for (Cluster c : clusters) {
            if (!matrix.parties().containsKey(c.workload())) {
                throw new IllegalArgumentException("cluster " + c.zone() + ": the workload " + c.workload()
                        + " is no party of the matrix");
            }
            for (FirewallMatrix.Rule r : matrix.rules()) {
                String other = r.destination().equals(c.workload()) ? r.source()
                        : r.source().equals(c.workload()) ? r.destination() : null;
                if (other != null && !c.peers().containsKey(other)) {
                    throw new IllegalArgumentException("cluster " + c.zone() + ": rule " + r.id() + " needs a place for "
                            + other + " in " + PEERS);
                }
            }
        }
    }

    /** One zone's cluster: the namespace of its workload, the policy's file, and where the other parties are. */
    record Cluster(String zone, String namespace, String workload, String file, Map<String, Peer> peers) {
        Cluster {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(workload, "workload");
            peers = Map.copyOf(peers);
        }
    }

    /** Pods selected by labels (in {@code namespace}, or the workload's own when absent), or address ranges. */
    record Peer(List<String> cidrs, String namespace, Map<String, String> labels, String note) {
        Peer {
            cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
            labels = labels == null ? Map.of() : new TreeMap<>(labels);
            if (cidrs.isEmpty() == labels.isEmpty()) {
                throw new IllegalArgumentException("a peer has either cidrs or labels: " + note);
            }
        }
    }

    @JsonIgnoreProperties("about")
    private record File(List<Cluster> clusters) {
    }

    static NetworkPolicies load(Path repositoryRoot) {
        try {
            File f = JSON.readValue(repositoryRoot.resolve(PEERS).toFile(), File.class);
            return new NetworkPolicies(FirewallMatrix.load(repositoryRoot), f.clusters());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + repositoryRoot.resolve(PEERS), e);
        }
    }

    /** The NetworkPolicy YAML of {@code cluster}'s workload, one entry per rule in the matrix's order. */
    String yaml(Cluster cluster) {
        String w = cluster.workload();
        StringBuilder b = new StringBuilder()
                .append("# Generated from deploy/firewall-matrix.json and deploy/kubernetes-peers.json: edit those, run\n")
                .append("# e2e-tests NetworkPoliciesTests and paste what it prints. Addresses in 192.0.2.0/24 and\n")
                .append("# 198.51.100.0/24 are placeholders for the site's own.\n");
        List<FirewallMatrix.Rule> elsewhere = matrix.rules().stream()
                .filter(r -> !r.source().equals(w) && !r.destination().equals(w)).toList();
        if (!elsewhere.isEmpty()) {
            b.append("# Rules of the matrix without ").append(w).append(", enforced elsewhere:\n# ")
                    .append(String.join(", ", elsewhere.stream().map(FirewallMatrix.Rule::id).toList()))
                    .append('\n');
        }
        b.append("apiVersion: networking.k8s.io/v1\n")
                .append("kind: NetworkPolicy\n")
                .append("metadata:\n")
                .append("  name: ").append(w).append('\n')
                .append("  namespace: ").append(cluster.namespace()).append('\n')
                .append("  labels:\n")
                .append("    ").append(NAME_LABEL).append(": ").append(w).append('\n')
                .append("    app.kubernetes.io/part-of: itdesk\n")
                .append("spec:\n")
                .append("  podSelector:\n")
                .append("    matchLabels:\n")
                .append("      ").append(NAME_LABEL).append(": ").append(w).append('\n')
                .append("  policyTypes:\n")
                .append("    - Ingress\n")
                .append("    - Egress\n")
                .append("  ingress:\n");
        for (FirewallMatrix.Rule r : matrix.rules()) {
            if (r.destination().equals(w)) {
                entry(b, r, "from", cluster.peers().get(r.source()));
            }
        }
        b.append("  egress:\n");
        for (FirewallMatrix.Rule r : matrix.rules()) {
            if (r.source().equals(w)) {
                entry(b, r, "to", cluster.peers().get(r.destination()));
            }
        }
        return b.append("    # name resolution through the cluster's DNS (no party of the matrix)\n")
                .append("    - to:\n")
                .append("        - namespaceSelector:\n")
                .append("            matchLabels:\n")
                .append("              kubernetes.io/metadata.name: kube-system\n")
                .append("          podSelector:\n")
                .append("            matchLabels:\n")
                .append("              k8s-app: kube-dns\n")
                .append("      ports:\n")
                .append("        - protocol: UDP\n")
                .append("          port: 53\n")
                .append("        - protocol: TCP\n")
                .append("          port: 53\n")
                .toString();
    }

    private void entry(StringBuilder b, FirewallMatrix.Rule r, String direction, Peer peer) {
        b.append("    # ").append(r.id()).append(": ").append(matrix.parties().get(r.source()).label()).append(" -> ")
                .append(matrix.parties().get(r.destination()).label()).append(", ").append(r.protocol());
        b.append('\n');
        if (peer.note() != null) {
            b.append("    #   ").append(peer.note()).append('\n');
        }
        b.append("    - ").append(direction).append(":\n");
        for (String cidr : peer.cidrs()) {
            b.append("        - ipBlock:\n")
                    .append("            cidr: ").append(cidr).append('\n');
        }
        if (!peer.labels().isEmpty()) {
            String indent = "        - ";
            if (peer.namespace() != null) {
                b.append(indent).append("namespaceSelector:\n")
                        .append("            matchLabels:\n")
                        .append("              kubernetes.io/metadata.name: ").append(peer.namespace()).append('\n');
                indent = "          ";
            }
            b.append(indent).append("podSelector:\n")
                    .append("            matchLabels:\n");
            peer.labels().forEach((k, v) -> b.append("              ").append(k).append(": ").append(v).append('\n'));
        }
        b.append("      ports:\n")
                .append("        - protocol: TCP\n")
                .append("          port: ").append(r.port()).append('\n');
    }
}
