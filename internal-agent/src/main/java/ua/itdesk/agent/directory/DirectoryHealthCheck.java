package ua.itdesk.agent.directory;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the directory: can the service account bind and read, and how fresh is the phone index. */
@Readiness
@ApplicationScoped
class DirectoryHealthCheck implements HealthCheck {

    private final LdapDirectory ldap;

    DirectoryHealthCheck(LdapDirectory ldap) {
        this.ldap = ldap;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ldap");
        ldap.currentIndex().ifPresentOrElse(index -> response
                .withData("indexedNumbers", index.numbers())
                .withData("indexBuiltAt", index.builtAt().toString()),
                () -> response.withData("indexedNumbers", "not built yet"));
        ldap.lastIndexFailure().ifPresent(e -> response.withData("lastIndexRefresh", "failed"));
        try {
            ldap.ping();
            return response.up().build();
        } catch (DirectoryUnavailableException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
