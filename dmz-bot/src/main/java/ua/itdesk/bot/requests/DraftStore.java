package ua.itdesk.bot.requests;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.crypto.SealedColumn;
import ua.itdesk.bot.requests.RequestDraft.Phase;
import ua.itdesk.contracts.v1.Category;
import ua.itdesk.contracts.v1.Priority;

/**
 * Drafts and the outbox, each change in a short transaction of its own (agent and Telegram calls happen outside).
 * Encryption happens here, so summaries, descriptions and file names reach the entities only sealed, each bound to
 * its column and draft.
 */
@ApplicationScoped
public class DraftStore {

    private final FieldCipher cipher;
    private final EntityManager em;

    DraftStore(FieldCipher cipher, EntityManager em) {
        this.cipher = cipher;
        this.em = em;
    }

    /** A file of a draft as the wizard checked it on arrival. */
    public record File(int seq, String telegramFileId, String name, String mediaType, Long size) {
    }

    /**
     * A draft, decrypted for one use.
     *
     * @param state               the wizard step while editing, else {@link WizardState#CLOSED}
     * @param descriptionRequired the chosen category requires a description
     */
    public record Draft(UUID id, long telegramUserId, long chatId, String employeeId, Language language,
                        WizardState state, String categoryId, String categoryName, boolean descriptionRequired,
                        Priority priority, String summary, String description, List<File> files,
                        String idempotencyKey, String issueKey, int attempts, Instant updatedAt,
                        Instant confirmedAt) {
    }

    /** The open wizard of this person, if any. */
    @Transactional
    public Optional<Draft> editing(long telegramUserId) {
        return RequestDraft.<RequestDraft>find("telegramUserId = ?1 and phase = ?2", telegramUserId, Phase.EDITING)
                .firstResultOptional().map(this::view);
    }

    @Transactional
    public Optional<Draft> find(UUID id) {
        return Optional.ofNullable(RequestDraft.<RequestDraft>findById(id)).map(this::view);
    }

    /** Opens a new wizard at its first step, dropping an earlier open one. */
    @Transactional
    public Draft begin(long telegramUserId, long chatId, String employeeId, Language language, WizardState first) {
        RequestDraft.<RequestDraft>find("telegramUserId = ?1 and phase = ?2", telegramUserId, Phase.EDITING)
                .firstResultOptional().ifPresent(this::remove);
        em.flush();
        Instant now = Instant.now();
        RequestDraft d = new RequestDraft();
        d.id = UUID.randomUUID();
        d.telegramUserId = telegramUserId;
        d.employeeId = employeeId;
        d.chatId = chatId;
        d.language = language.code();
        d.phase = Phase.EDITING;
        d.state = first.name();
        d.createdAt = now;
        d.updatedAt = now;
        d.persist();
        return view(d);
    }

    @Transactional
    public void moveTo(UUID id, WizardState state) {
        RequestDraft d = editable(id);
        d.state = state.name();
        d.updatedAt = Instant.now();
    }

    @Transactional
    public void saveCategory(UUID id, Category category) {
        RequestDraft d = editable(id);
        d.categoryId = category.id();
        d.categoryName = category.name();
        d.descriptionRequired = category.descriptionRequired();
        d.updatedAt = Instant.now();
    }

    @Transactional
    public void savePriority(UUID id, Priority priority) {
        RequestDraft d = editable(id);
        d.priority = priority;
        d.updatedAt = Instant.now();
    }

    @Transactional
    public void saveSummary(UUID id, String summary) {
        RequestDraft d = editable(id);
        d.summaryCiphertext = cipher.encrypt(summary, summaryContext(id));
        d.updatedAt = Instant.now();
    }

    /** Stores the description; null (skipped) removes an earlier one. */
    @Transactional
    public void saveDescription(UUID id, String description) {
        RequestDraft d = editable(id);
        d.descriptionCiphertext = description == null ? null : cipher.encrypt(description, descriptionContext(id));
        d.updatedAt = Instant.now();
    }

    /** Adds a checked file. Returns how many files the draft has now. */
    @Transactional
    public int addFile(UUID id, String telegramFileId, String name, String mediaType, Long size) {
        RequestDraft d = editable(id);
        int seq = 1 + DraftFile.<DraftFile>find("draftId", id).stream().mapToInt(f -> f.seq).max().orElse(0);
        DraftFile f = new DraftFile();
        f.draftId = id;
        f.seq = seq;
        f.telegramFileId = telegramFileId;
        f.fileNameCiphertext = cipher.encrypt(name, fileNameContext(id, seq));
        f.mediaType = mediaType;
        f.sizeBytes = size;
        f.persist();
        d.updatedAt = Instant.now();
        return (int) DraftFile.count("draftId", id);
    }

    @Transactional
    public void delete(UUID id) {
        RequestDraft d = RequestDraft.findById(id);
        if (d != null) {
            remove(d);
        }
    }

    /**
     * Turns the open draft into an outbox entry with its idempotency key, claimed by the caller until
     * {@code lockedUntil} so that the queue job leaves it alone while the caller makes the first attempt.
     */
    @Transactional
    public Draft confirm(UUID id, Instant lockedUntil) {
        RequestDraft d = editable(id);
        Instant now = Instant.now();
        d.phase = Phase.QUEUED;
        d.state = null;
        d.idempotencyKey = UUID.randomUUID().toString();
        d.confirmedAt = now;
        d.updatedAt = now;
        d.nextAttemptAt = now;
        d.lockedUntil = lockedUntil;
        return view(d);
    }

    /**
     * Claims up to {@code limit} outbox entries that are due and whose author holds an unexpired token, until
     * {@code lockedUntil}; several instances never claim the same entry (R4). Entries of people without a token
     * are not due: they wait for the next login.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<UUID> claimDue(int limit, Instant lockedUntil) {
        Instant now = Instant.now();
        List<UUID> ids = em.createNativeQuery("SELECT d.id FROM request_drafts d "
                        + "JOIN user_sessions s ON s.telegram_user_id = d.telegram_user_id "
                        + "WHERE d.phase <> 'EDITING' AND d.next_attempt_at <= ?1 "
                        + "AND (d.locked_until IS NULL OR d.locked_until < ?1) "
                        + "AND s.token_ciphertext IS NOT NULL AND s.expires_at > ?1 "
                        + "AND s.employee_id = d.employee_id "
                        + "ORDER BY d.next_attempt_at LIMIT ?2 FOR UPDATE OF d SKIP LOCKED", UUID.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        for (UUID id : ids) {
            RequestDraft.<RequestDraft>findById(id).lockedUntil = lockedUntil;
        }
        return ids;
    }

    /** Outbox entries waiting, for the queue gauge. */
    @Transactional
    public long queued() {
        return RequestDraft.count("phase <> ?1", Phase.EDITING);
    }

    /** A failed attempt: counted, retried from {@code nextAttemptAt}, released. */
    @Transactional
    public void retryLater(UUID id, Instant nextAttemptAt, String reason) {
        RequestDraft d = RequestDraft.findById(id);
        if (d != null) {
            d.attempts++;
            d.nextAttemptAt = nextAttemptAt;
            d.lockedUntil = null;
            d.lastError = reason;
            d.updatedAt = Instant.now();
        }
    }

    /** The request exists now; what remains are its files. */
    @Transactional
    public void created(UUID id, String issueKey) {
        RequestDraft d = RequestDraft.findById(id);
        d.phase = Phase.CREATED;
        d.issueKey = issueKey;
        d.attempts = 0;
        d.lastError = null;
        d.updatedAt = Instant.now();
    }

    @Transactional
    public void fileDone(UUID id, int seq) {
        DraftFile.delete("draftId = ?1 and seq = ?2", id, seq);
    }

    /**
     * Open wizards untouched since {@code before} whose session has been idle as long (a live session finds its
     * expired draft itself and says so): deleted, files with them.
     */
    @Transactional
    public int purgeIdle(Instant before) {
        return em.createNativeQuery("DELETE FROM request_drafts d WHERE d.phase = 'EDITING' AND d.updated_at < ?1 "
                        + "AND NOT EXISTS (SELECT 1 FROM user_sessions s WHERE s.telegram_user_id = d.telegram_user_id "
                        + "AND s.last_activity_at >= ?1)")
                .setParameter(1, before).executeUpdate();
    }

    /** Outbox entries confirmed before {@code before} and still not done, not being worked on now. */
    @Transactional
    public List<Draft> overdue(Instant before) {
        return RequestDraft.<RequestDraft>list("phase <> ?1 and confirmedAt < ?2 and "
                        + "(lockedUntil is null or lockedUntil < ?3)", Phase.EDITING, before, Instant.now())
                .stream().map(this::view).toList();
    }

    private void remove(RequestDraft d) {
        DraftFile.delete("draftId", d.id);
        d.delete();
    }

    private RequestDraft editable(UUID id) {
        RequestDraft d = RequestDraft.findById(id);
        if (d == null || d.phase != Phase.EDITING) {
            throw new IllegalStateException("no open draft " + id);
        }
        return d;
    }

    private Draft view(RequestDraft d) {
        List<File> files = DraftFile.<DraftFile>find("draftId", d.id).stream()
                .sorted(Comparator.comparingInt(f -> f.seq))
                .map(f -> new File(f.seq, f.telegramFileId, cipher.decrypt(f.fileNameCiphertext,
                        fileNameContext(d.id, f.seq)), f.mediaType, f.sizeBytes))
                .toList();
        WizardState state = d.phase == Phase.EDITING
                ? WizardState.named(d.state).orElse(WizardState.CHOOSING_CATEGORY) : WizardState.CLOSED;
        return new Draft(d.id, d.telegramUserId, d.chatId, d.employeeId, Language.fromCode(d.language), state,
                d.categoryId, d.categoryName, d.descriptionRequired, d.priority,
                d.summaryCiphertext == null ? null : cipher.decrypt(d.summaryCiphertext, summaryContext(d.id)),
                d.descriptionCiphertext == null ? null
                        : cipher.decrypt(d.descriptionCiphertext, descriptionContext(d.id)),
                files, d.idempotencyKey, d.issueKey, d.attempts, d.updatedAt, d.confirmedAt);
    }

    static String summaryContext(UUID id) {
        return SealedColumn.DRAFT_SUMMARY.context(id);
    }

    static String descriptionContext(UUID id) {
        return SealedColumn.DRAFT_DESCRIPTION.context(id);
    }

    static String fileNameContext(UUID id, int seq) {
        return SealedColumn.DRAFT_FILE_NAME.context(id, seq);
    }
}
