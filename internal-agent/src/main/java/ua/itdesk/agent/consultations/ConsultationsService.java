package ua.itdesk.agent.consultations;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.api.IdempotentCalls;
import ua.itdesk.agent.assignment.SpecialistRanking;
import ua.itdesk.agent.assignment.WorkloadUnavailableException;
import ua.itdesk.agent.audit.AuditLog;
import ua.itdesk.agent.audit.AuditLog.Outcome;
import ua.itdesk.agent.config.AgentConfig;
import ua.itdesk.agent.directory.DirectoryPerson;
import ua.itdesk.agent.directory.DirectoryUnavailableException;
import ua.itdesk.agent.events.JiraPeople;
import ua.itdesk.agent.jira.Comment;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.JiraIssue;
import ua.itdesk.agent.requests.Attachments;
import ua.itdesk.agent.requests.DeskIssues;
import ua.itdesk.agent.requests.JiraCalls;
import ua.itdesk.agent.requests.JiraViews;
import ua.itdesk.agent.requests.Priorities;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.ConsultationBrief;
import ua.itdesk.contracts.v1.ConsultationsApi;
import ua.itdesk.contracts.v1.NewComment;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.PublicComment;

/**
 * What the bot's consultations need from Jira (C1, C4, C6), for the bot as a service rather than for one employee.
 * The door is kept narrow: only requests of the service desk's project (anything else is 404 like a missing key),
 * writes only add (a public comment that starts with {@value #MARKER}, an attachment), both with the agent's own
 * account, and each write and refusal is audited ({@code event=consultation}, without the text or the file).
 *
 * <p>Writes are idempotent per request and {@code Idempotency-Key} for {@code agent.consultations.idempotency-window}
 * ({@link IdempotentCalls}): a retry after a lost answer gets the first answer and writes nothing.
 */
@ApplicationScoped
class ConsultationsService {

    /** The first line of every comment a consultation writes, so that people in Jira see where it came from. */
    static final String MARKER = ConsultationsApi.COMMENT_MARKER;

    private final JiraClient jira;
    private final DeskIssues issues;
    private final Attachments attachments;
    private final Priorities priorities;
    private final JiraPeople people;
    private final SpecialistRanking ranking;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final IdempotentCalls<PublicComment> comments;
    private final IdempotentCalls<AttachmentReceipt> files;

    ConsultationsService(JiraClient jira, DeskIssues issues, Attachments attachments, Priorities priorities,
            JiraPeople people, SpecialistRanking ranking, AuditLog audit, MeterRegistry metrics, AgentConfig config) {
        this.jira = jira;
        this.issues = issues;
        this.attachments = attachments;
        this.priorities = priorities;
        this.people = people;
        this.ranking = ranking;
        this.audit = audit;
        this.metrics = metrics;
        AgentConfig.Consultations c = config.consultations();
        this.comments = new IdempotentCalls<>(c.idempotencyWindow(), c.idempotencyMaxEntries(),
                JiraCalls::mayHaveWritten);
        this.files = new IdempotentCalls<>(c.idempotencyWindow(), c.idempotencyMaxEntries());
    }

    /**
     * The request read live and the online specialists ranked now. The requester is named by the directory entry
     * with the reporter's e-mail (Jira's display name when there is none).
     */
    ConsultationBrief brief(String key) {
        return refusalsAudited("brief", key, () -> {
            JiraIssue.Fields f = issues.find(key).fields();
            Optional<DirectoryPerson> requester = people.person(f.reporter());
            JiraIssue.Status status = f.status();
            return new ConsultationBrief(key, f.summary(),
                    f.priority() == null ? null : priorities.fromJira(f.priority().name()),
                    status == null ? null : status.name(), status == null || !status.done(),
                    requester.map(DirectoryPerson::employeeId).orElse(null),
                    requester.map(DirectoryPerson::fullName).orElseGet(() -> JiraViews.displayName(f.reporter())),
                    requester.map(DirectoryPerson::department).orElse(null), rankedSpecialists());
        });
    }

    /**
     * Adds the text as a public comment under {@value #MARKER}; cleaned of control characters by the client. After an
     * attempt whose answer was lost, the comment that attempt may have written is looked for first and answered.
     */
    PublicComment comment(String key, String idempotencyKey, NewComment comment) {
        return refusalsAudited("comment", key, () -> written("comment", key, comments, idempotencyKey,
                IdempotentCalls.fingerprint(comment.body()), uncertainSince -> {
                    issues.find(key);
                    if (uncertainSince != null) {
                        Optional<Comment> earlier = gone(() -> jira.publicCommentSince(key, MARKER, comment.body(),
                                uncertainSince.minusSeconds(60)));
                        if (earlier.isPresent()) {
                            audit.consultation("comment", Outcome.SUCCESS, "FOUND_AFTER_LOST_ANSWER", key);
                            return JiraViews.publicComment(earlier.get());
                        }
                    }
                    return JiraViews.publicComment(gone(() -> jira.addPublicComment(key, MARKER, comment.body())));
                }));
    }

    /** Attaches the file, checked and read as {@link Attachments} does for an employee's request. */
    AttachmentReceipt attach(String key, String idempotencyKey, String fileName, String contentType,
            InputStream content) {
        return refusalsAudited("attach", key, () -> {
            Attachments.Upload upload = Attachments.receive(fileName, contentType, content);
            return written("attach", key, files, idempotencyKey,
                    IdempotentCalls.fingerprint(upload.fileName(), upload.mediaType(), upload.content()), since -> {
                        issues.find(key);
                        return gone(() -> attachments.attach(key, upload));
                    });
        });
    }

    private List<String> rankedSpecialists() {
        try {
            return JiraCalls.call(() -> {
                try {
                    return ranking.rank();
                } catch (WorkloadUnavailableException e) {
                    throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "WORKLOAD_UNAVAILABLE",
                            "The service desk is unavailable; retry later.",
                            e.retryAfter().orElse(JiraCalls.DEFAULT_RETRY_AFTER), e);
                }
            }).employeeIds();
        } catch (ApiException e) {
            if (e.kind() == ProblemType.INVALID_REQUEST) {
                // Jira refused to name someone's account: the bot's input is not at fault, so it is Jira's trouble
                throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "RANKING_FAILED",
                        "The service desk is unavailable; retry later.", JiraCalls.DEFAULT_RETRY_AFTER, e);
            }
            throw e;
        }
    }

    /**
     * A write run once per request and key; audited and counted as written, or as a repeat answered from memory
     * ({@code reason=REPEATED}).
     */
    private <T> T written(String action, String key, IdempotentCalls<T> memory, String idempotencyKey,
            String fingerprint, IdempotentCalls.Write<T> write) {
        AtomicBoolean wrote = new AtomicBoolean();
        T result = memory.call(key, idempotencyKey, fingerprint, since -> {
            T done = write.write(since);
            wrote.set(true);
            return done;
        });
        audit.consultation(action, Outcome.SUCCESS, wrote.get() ? null : "REPEATED", key);
        metrics.counter("agent.consultations.writes", "action", action, "outcome",
                wrote.get() ? "written" : "repeated").increment();
        return result;
    }

    /** Audits a refusal or failure of a call, with its reason. */
    private <T> T refusalsAudited(String action, String key, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            audit.consultation(action, outcome(e.kind()), e.reason(), key);
            throw e;
        } catch (DirectoryUnavailableException e) {
            audit.consultation(action, Outcome.UNAVAILABLE, "DIRECTORY_UNAVAILABLE", key);
            throw e;
        }
    }

    /** A write on a request found a moment ago; Jira's 404 (deleted meanwhile) stays a 404. */
    private static <T> T gone(Supplier<T> call) {
        try {
            return JiraCalls.call(call);
        } catch (ApiException e) {
            if (DeskIssues.gone(e)) {
                throw new ApiException(ProblemType.NOT_FOUND, "GONE", DeskIssues.NOT_FOUND);
            }
            throw e;
        }
    }

    private static Outcome outcome(ProblemType kind) {
        return switch (kind) {
            case DEPENDENCY_UNAVAILABLE -> Outcome.UNAVAILABLE;
            case THROTTLED -> Outcome.THROTTLED;
            default -> Outcome.INVALID;
        };
    }
}
