package ua.itdesk.agent.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import ua.itdesk.contracts.PhoneNumbers;

/**
 * Security audit events (S5) on their own logger category, {@value #CATEGORY}, so operations can route them to a
 * separate, longer-kept sink. Events are single lines of {@code key=value} pairs with a fixed vocabulary; phone
 * numbers appear only masked and tokens never. Each line carries the correlation id of the bot's request.
 */
@ApplicationScoped
public class AuditLog {

    public static final String CATEGORY = "ua.itdesk.agent.audit";
    /** MDC key of the bot's correlation id ({@code X-Correlation-Id}). */
    public static final String CORRELATION_ID = "correlationId";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    /** The outcome of an audited action. */
    public enum Outcome { SUCCESS, DENIED, THROTTLED, INVALID, UNAVAILABLE, UNAUTHENTICATED, FAILED }

    /** A phone verification (login) attempt. */
    public void verification(Outcome outcome, String reason, long telegramUserId, String phoneNumber,
            String employeeId) {
        LOG.infof("event=verify outcome=%s reason=%s employee=%s telegramUser=%d phone=%s correlationId=%s",
                outcome, reason, orNone(employeeId), telegramUserId, PhoneNumbers.mask(phoneNumber),
                correlationId());
    }

    /** A token refresh, which re-checks the directory and HR. */
    public void refresh(Outcome outcome, String reason, String employeeId, Long telegramUserId) {
        LOG.infof("event=refresh outcome=%s reason=%s employee=%s telegramUser=%s correlationId=%s", outcome, reason,
                orNone(employeeId), telegramUserId == null ? "-" : telegramUserId, correlationId());
    }

    /** Any call to the API, written when its response has been sent. */
    public void call(String method, String path, int status, String employeeId, Long telegramUserId,
            long durationMillis, String correlationId) {
        LOG.infof("event=call method=%s path=%s status=%d outcome=%s employee=%s telegramUser=%s durationMs=%d"
                + " correlationId=%s", method, printable(path), status, outcomeOf(status), orNone(employeeId),
                telegramUserId == null ? "-" : telegramUserId, durationMillis, orNone(correlationId));
    }

    /**
     * A request-API action on one Jira request (create, detail, comment); {@code DENIED} when the request is not the
     * employee's, answered as "not found" (the key is logged: it matched the issue key pattern).
     */
    public void request(String action, Outcome outcome, String reason, String employeeId, String issueKey) {
        LOG.infof("event=request action=%s outcome=%s reason=%s employee=%s key=%s correlationId=%s", action, outcome,
                orNone(reason), orNone(employeeId), orNone(issueKey), correlationId());
    }

    /**
     * A consultation call of the bot on one Jira request (comment, attach, brief refused): the key and what happened,
     * never the text or the file.
     */
    public void consultation(String action, Outcome outcome, String reason, String issueKey) {
        LOG.infof("event=consultation action=%s outcome=%s reason=%s key=%s correlationId=%s", action, outcome,
                orNone(reason), orNone(issueKey), correlationId());
    }

    /** A token-bearing call refused by the per-employee rate limit. */
    public void callThrottled(String method, String path, String employeeId) {
        LOG.infof("event=call-throttled method=%s path=%s outcome=THROTTLED employee=%s correlationId=%s", method,
                printable(path), orNone(employeeId), correlationId());
    }

    /** A service call (event stream, presence, consultations) refused because the client certificate is not the bot's. */
    public void serviceCallRefused(String method, String path, String subject) {
        LOG.infof("event=service-call outcome=DENIED method=%s path=%s certificate=%s correlationId=%s", method,
                printable(path), printable(subject), correlationId());
    }

    /**
     * A Jira webhook refused (bad or missing signature, too large) or ignored (a replayed or stale delivery). The
     * delivery id is Jira's {@code X-Atlassian-Webhook-Identifier}, as sent (unsigned, so only printable and capped).
     */
    public void webhook(Outcome outcome, String reason, String deliveryId, String remoteAddress) {
        LOG.infof("event=jira-webhook outcome=%s reason=%s delivery=%s remote=%s", outcome, reason,
                deliveryId == null ? "-" : printable(deliveryId), remoteAddress == null ? "-" : printable(remoteAddress));
    }

    private static Outcome outcomeOf(int status) {
        if (status < 400) {
            return Outcome.SUCCESS;
        }
        return switch (status) {
            case 401 -> Outcome.UNAUTHENTICATED;
            case 403 -> Outcome.DENIED;
            case 429 -> Outcome.THROTTLED;
            case 503 -> Outcome.UNAVAILABLE;
            default -> status < 500 ? Outcome.INVALID : Outcome.FAILED;
        };
    }

    private static String correlationId() {
        Object id = MDC.get(CORRELATION_ID);
        return id == null ? "-" : id.toString();
    }

    /** The caller's path, capped and without anything that could break or forge a log line. */
    private static String printable(String path) {
        String capped = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        return capped.replaceAll("[^\\x21-\\x7e]", "?");
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
