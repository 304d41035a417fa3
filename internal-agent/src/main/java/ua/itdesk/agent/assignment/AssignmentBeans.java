package ua.itdesk.agent.assignment;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ua.itdesk.agent.config.AgentConfig;

/** The scorer as configured in {@code agent.assignment}; bad weights stop the agent at start-up. */
@Singleton
public class AssignmentBeans {

    @Produces
    @Singleton
    AssignmentScorer scorer(AgentConfig config) {
        return scorerFrom(config.assignment());
    }

    void checkAtStartUp(@Observes StartupEvent start, AgentConfig config) {
        try {
            scorerFrom(config.assignment());
            WorkloadMetrics.check(config.assignment());
            AutoAssignment.check(config.assignment());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("agent.assignment: " + e.getMessage(), e);
        }
    }

    /** The weights and the idle cap ({@code lookback}: a resolution longer ago is not seen at all). */
    static AssignmentScorer scorerFrom(AgentConfig.Assignment config) {
        return new AssignmentScorer(new AssignmentWeights(config.weightActive(), config.weightIdle(),
                config.weightResolved()), config.lookback());
    }
}
