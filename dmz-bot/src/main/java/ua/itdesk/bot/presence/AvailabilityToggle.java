package ua.itdesk.bot.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.Text;

/**
 * The specialist's "go online / go offline" menu item (T2) and the end of a session taking them offline. Each
 * change is stored, audited and sent to the agent at once. A specialist starts offline and is switched off
 * whenever the session ends; before switching someone off, every {@link OfflineGuard} may object.
 */
@ApplicationScoped
public class AvailabilityToggle {

    private final AvailabilityStore store;
    private final PresencePublisher publisher;
    private final Instance<OfflineGuard> guards;
    private final AuditLog audit;
    private final Event<AvailabilityChanged> changed;
    private final Duration idleTimeout;

    AvailabilityToggle(AvailabilityStore store, PresencePublisher publisher, Instance<OfflineGuard> guards,
            AuditLog audit, Event<AvailabilityChanged> changed, BotConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.guards = guards;
        this.audit = audit;
        this.changed = changed;
        this.idleTimeout = config.session().idleTimeout();
    }

    /** Whether the specialist's toggle is on (for the menu's button label). */
    public boolean isOnline(String employeeId) {
        return employeeId != null && store.isOnline(employeeId);
    }

    /** Flips the specialist's availability; returns the answer to show (HTML), the new state or a refusal. */
    public String toggle(long telegramUserId, String employeeId, Language language) {
        boolean goOnline = !store.isOnline(employeeId);
        if (!goOnline) {
            for (OfflineGuard guard : guards) {
                Optional<Text> refusal = guard.refusal(employeeId);
                if (refusal.isPresent()) {
                    return refusal.get().in(language);
                }
            }
        }
        store.set(employeeId, goOnline);
        audit.record(AuditEvent.AVAILABILITY_CHANGED, AuditOutcome.SUCCESS, telegramUserId, employeeId,
                goOnline ? "online" : "offline");
        publisher.publish(goOnline ? "went online" : "went offline");
        changed.fire(new AvailabilityChanged(employeeId, goOnline));
        return (goOnline ? AvailabilityText.NOW_ONLINE : AvailabilityText.NOW_OFFLINE).in(language);
    }

    /** The specialists online now, each with the Telegram account to send offers to (C1). */
    public List<OnlineSpecialist> onlineSpecialists() {
        return store.onlineAccounts(Instant.now().minus(idleTimeout));
    }

    /** The person logged out, was revoked or forgotten: offline at once, and the agent told. */
    public void sessionEnded(long telegramUserId, String employeeId) {
        if (employeeId != null && store.set(employeeId, false)) {
            audit.record(AuditEvent.AVAILABILITY_CHANGED, AuditOutcome.SUCCESS, telegramUserId, employeeId,
                    "offline: session ended");
            publisher.publish("session ended");
            changed.fire(new AvailabilityChanged(employeeId, false));
        }
    }
}
