package ua.itdesk.agent.assignment;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ua.itdesk.agent.presence.OnlineSpecialist;
import ua.itdesk.agent.presence.PresenceStore;

/**
 * The online specialists ranked by the formula of T3: those of {@link PresenceStore} with a Jira account
 * ({@link SpecialistAccounts}), measured ({@link WorkloadMetrics}) and scored ({@link AssignmentScorer}). One ranking
 * for both of its uses, so that they cannot drift apart: automatic assignment gives a new request to the first
 * (T2), and the bot offers a consultation to them in this order (C1). Blocking on Jira: call it on a worker thread.
 */
@ApplicationScoped
public class SpecialistRanking {

    private final PresenceStore presence;
    private final SpecialistAccounts accounts;
    private final WorkloadMetrics workloads;
    private final AssignmentScorer scorer;

    SpecialistRanking(PresenceStore presence, SpecialistAccounts accounts, WorkloadMetrics workloads,
            AssignmentScorer scorer) {
        this.presence = presence;
        this.accounts = accounts;
        this.workloads = workloads;
        this.scorer = scorer;
    }

    /**
     * The ranking now; empty when nobody is online or nobody online has a Jira account.
     *
     * @throws WorkloadUnavailableException when Jira could not tell the workloads
     * @throws ua.itdesk.agent.jira.JiraUnavailableException when Jira could not tell someone's account
     */
    public Ranking rank() throws WorkloadUnavailableException {
        List<OnlineSpecialist> online = presence.online();
        Map<String, String> employeeByAccount = new TreeMap<>();
        for (OnlineSpecialist specialist : online) {
            accounts.account(specialist).ifPresent(a -> employeeByAccount.put(a, specialist.employeeId()));
        }
        if (employeeByAccount.isEmpty()) {
            return new Ranking(online.size(), Map.of(), List.of());
        }
        Workloads measured = workloads.load(employeeByAccount.keySet());
        return new Ranking(online.size(), employeeByAccount, scorer.rank(measured.candidates()));
    }

    /**
     * One ranking.
     *
     * @param online            specialists online, with or without a Jira account
     * @param employeeByAccount the employee id of each Jira account ranked
     * @param ranked            best first; candidates are named by Jira account
     */
    public record Ranking(int online, Map<String, String> employeeByAccount, List<ScoredCandidate> ranked) {

        public Ranking {
            employeeByAccount = Map.copyOf(employeeByAccount);
            ranked = List.copyOf(ranked);
        }

        public Optional<ScoredCandidate> best() {
            return ranked.stream().findFirst();
        }

        /** The employee ids, best first. */
        public List<String> employeeIds() {
            return ranked.stream().map(s -> employeeByAccount.get(s.specialistId())).toList();
        }

        /** The employee id behind a Jira account ranked here. */
        public String employeeOf(String account) {
            return employeeByAccount.get(account);
        }
    }
}
