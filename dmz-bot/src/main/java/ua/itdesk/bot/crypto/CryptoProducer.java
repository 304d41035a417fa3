package ua.itdesk.bot.crypto;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ua.itdesk.bot.config.BotConfig;

/** Builds the cipher and the hasher from {@code bot.crypto.*} once; a bad key stops the start-up. */
@ApplicationScoped
public class CryptoProducer {

    @Produces
    @Singleton
    FieldCipher fieldCipher(BotConfig config) {
        return new FieldCipher(KeyRing.parse(config.crypto().keys(), config.crypto().activeKeyId()));
    }

    @Produces
    @Singleton
    PhoneHasher phoneHasher(BotConfig config) {
        return PhoneHasher.fromBase64(config.crypto().hmacKey());
    }

    /** Creating both at start-up turns a malformed key into a failed start instead of a failed first login. */
    void checkKeys(@Observes StartupEvent event, FieldCipher cipher, PhoneHasher hasher) {
        // the parameters are the check
    }
}
