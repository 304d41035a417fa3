package ua.itdesk.bot.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import ua.itdesk.bot.config.BotConfig;

/**
 * Readiness: can the bot open a connection to the agent's port? A TCP connect only, so probes neither spend the
 * agent's per-person limits nor fill its audit log. TLS problems show up as "unavailable" answers and in the logs.
 */
@Readiness
@ApplicationScoped
public class AgentReachability implements HealthCheck {

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private final URI agent;

    AgentReachability(BotConfig config) {
        this.agent = URI.create(config.agent().url());
    }

    @Override
    public HealthCheckResponse call() {
        String host = agent.getHost();
        int port = agent.getPort() > 0 ? agent.getPort() : ("https".equals(agent.getScheme()) ? 443 : 80);
        var response = HealthCheckResponse.named("agent").withData("address", host + ":" + port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return response.up().build();
        } catch (IOException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
