package ua.itdesk.agent.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ua.itdesk.contracts.PhoneNumbers;

/** The numbering plan of {@code agent.phone.*}, shared by the index and the verification flow. */
@ApplicationScoped
class PhoneNumbersProducer {

    @Produces
    @Singleton
    PhoneNumbers phoneNumbers(AgentConfig config) {
        AgentConfig.Phone plan = config.phone();
        return new PhoneNumbers(plan.countryCode(), plan.trunkPrefix(), plan.nationalLength());
    }
}
