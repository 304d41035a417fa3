package ua.itdesk.bot.consultation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import ua.itdesk.bot.agent.AgentAnswer;
import ua.itdesk.bot.agent.ConsultationsClient;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.consultation.ConsultationStateMachine.Transition;
import ua.itdesk.bot.consultation.ConsultationStore.Chat;
import ua.itdesk.bot.consultation.ConsultationStore.Consultation;
import ua.itdesk.bot.consultation.ConsultationStore.Offer;
import ua.itdesk.bot.conversation.Command;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.conversation.Text;
import ua.itdesk.bot.events.RequestClosed;
import ua.itdesk.bot.menu.MenuFeature;
import ua.itdesk.bot.menu.MenuItem;
import ua.itdesk.bot.presence.AvailabilityChanged;
import ua.itdesk.bot.presence.AvailabilityToggle;
import ua.itdesk.bot.presence.OfflineGuard;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.session.SessionView;
import ua.itdesk.contracts.v1.ConsultationBrief;
import ua.itdesk.contracts.v1.Role;

/**
 * Online consultations as people use them (C1-C6): "Contact a specialist online" on a request, the queue, offers
 * with Accept and Decline, the chat and its end, the rating; for specialists their offers and chats, and the timers
 * (offer expiry, idle chats, the rating window). Every change runs {@link ConsultationStateMachine} on the row read
 * under a lock and is stored with the version check; messages go out after the commit. See
 * {@code consultation.mmd} and {@code docs/consultations.md}.
 */
@ApplicationScoped
@Startup // its meters exist from the start
public class Consultations implements MenuFeature, OfflineGuard {

    private static final Logger LOG = Logger.getLogger(Consultations.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm")
            .withZone(ZoneId.of("Europe/Kyiv"));
    private static final int TIMER_BATCH = 20;

    private final ConsultationStore store;
    private final QueueDispatcher dispatcher;
    private final ConsultationsClient agent;
    private final ChatMessages messages;
    private final ChatSync sync;
    private final AvailabilityToggle availability;
    private final SessionStore sessions;
    private final MessageSender sender;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final Timer queueWait;
    private final BotConfig.Consultation config;

    Consultations(ConsultationStore store, QueueDispatcher dispatcher, ConsultationsClient agent,
            ChatMessages messages, ChatSync sync, AvailabilityToggle availability, SessionStore sessions, MessageSender sender,
            AuditLog audit, MeterRegistry metrics, BotConfig config) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.agent = agent;
        this.messages = messages;
        this.sync = sync;
        this.availability = availability;
        this.sessions = sessions;
        this.sender = sender;
        this.audit = audit;
        this.metrics = metrics;
        this.config = config.consultation();
        this.queueWait = Timer.builder("bot.consultation.wait")
                .description("from asking for a specialist to the chat opening (queue wait of accepted consultations)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(2)).register(metrics);
        // counted when scraped; while the database is away the gauge reads NaN
        Gauge.builder("bot.consultation.active", store, ConsultationStore::activeChats)
                .description("chats between an employee and a specialist going on now, over all instances")
                .register(metrics);
    }

    /** The button a request's detail view carries for its requester. */
    public static Keyboard.Button contactButton(String issueKey, Language language) {
        return new Keyboard.Button(ConsultationText.CONTACT_BUTTON.plain(language),
                ConsultationButtons.contact(issueKey));
    }

    // --- the menu feature

    @Override
    public boolean serves(MenuItem item) {
        return item == MenuItem.CONSULTATION_OFFERS;
    }

    @Override
    public void open(MenuItem item, Incoming in, SessionView session) {
        overview(in, session);
    }

    @Override
    public Optional<Handled> intercept(Incoming in, SessionView session) {
        if (in.callback() != null) {
            return ConsultationButtons.parse(in.callback().data()).map(press -> pressed(in, session, press));
        }
        if (in.commandName().flatMap(Command::named).filter(c -> c == Command.END).isPresent()) {
            endByCommand(in);
            return Optional.of(Handled.QUIETLY);
        }
        if (in.commandName().isPresent() || in.contact() != null) {
            return Optional.empty();
        }
        if (in.text() != null && in.file() == null && ratingComment(in)) {
            return Optional.of(Handled.QUIETLY);
        }
        return Optional.empty();
    }

    private Handled pressed(Incoming in, SessionView session, ConsultationButtons.Press press) {
        Language language = Language.of(in.languageCode());
        if (press instanceof ConsultationButtons.Contact contact) {
            contact(in, session, contact.issueKey());
        } else if (press instanceof ConsultationButtons.Leave leave) {
            return leave(in, leave.consultationId());
        } else if (press instanceof ConsultationButtons.Accept accept) {
            return accept(in, accept.offerId());
        } else if (press instanceof ConsultationButtons.Decline decline) {
            return decline(in, decline.offerId());
        } else if (press instanceof ConsultationButtons.End end) {
            return end(in.userId(), end.chatId(), false);
        } else if (press instanceof ConsultationButtons.Rate rate) {
            return rate(in, rate.consultationId(), rate.stars());
        } else {
            audit.record(AuditEvent.CALLBACK_REJECTED, AuditOutcome.REFUSED, in.userId(), session.employeeId(),
                    "malformed consultation button data");
            return new Handled(ConsultationText.NOT_YOUR_BUTTON.plain(language));
        }
        return Handled.QUIETLY;
    }

    @Override
    public Optional<Text> refusal(String employeeId) {
        boolean chatting = QuarkusTransaction.requiringNew().call(() -> store.hasActiveChatAsSpecialist(employeeId));
        return chatting ? Optional.of(ConsultationText.OFFLINE_REFUSED) : Optional.empty();
    }

    // --- the employee's side

    private void contact(Incoming in, SessionView session, String key) {
        Language language = Language.of(in.languageCode());
        AgentAnswer<ConsultationBrief> answer = agent.brief(key);
        if (!(answer instanceof AgentAnswer.Ok<ConsultationBrief> ok)) {
            say(in.chatId(), (answer instanceof AgentAnswer.Unavailable<?> ? ConsultationText.UNAVAILABLE
                    : ConsultationText.NOT_YOURS).in(language));
            return;
        }
        ConsultationBrief brief = ok.value();
        if (!session.employeeId().equals(brief.requesterEmployeeId())) {
            audit.record(AuditEvent.CONSULTATION_REQUESTED, AuditOutcome.REFUSED, in.userId(), session.employeeId(),
                    key + ": not the requester");
            say(in.chatId(), ConsultationText.NOT_YOURS.in(language));
            return;
        }
        if (!brief.open()) {
            say(in.chatId(), ConsultationText.REQUEST_ALREADY_RESOLVED.in(language, key));
            return;
        }
        Optional<Consultation> began = QuarkusTransaction.requiringNew().call(() -> store.begin(key, in.userId(),
                session.employeeId(), brief.priority()));
        if (began.isPresent()) {
            audit.record(AuditEvent.CONSULTATION_REQUESTED, AuditOutcome.SUCCESS, in.userId(), session.employeeId(),
                    key + ", priority " + brief.priority());
            metrics.counter("bot.consultation.requested").increment();
            sender.send(new OutgoingMessage(in.chatId(), ConsultationText.SEARCHING.in(language, key),
                    dispatcher.leaveButton(began.get(), language)));
            dispatcher.dispatch("new consultation");
            return;
        }
        Optional<Consultation> open = QuarkusTransaction.requiringNew().call(() -> store.openFor(in.userId()));
        if (open.isEmpty()) {
            // it closed between the two statements: simply try again
            contact(in, session, key);
            return;
        }
        Consultation c = open.get();
        if (!c.key().equals(key)) {
            sender.send(new OutgoingMessage(in.chatId(), ConsultationText.OTHER_OPEN.in(language, c.key()),
                    c.state() == ConsultationState.ACTIVE ? Keyboard.UNCHANGED : dispatcher.leaveButton(c, language)));
            return;
        }
        Transition t = ConsultationStateMachine.on(c.state(), ConsultationEvent.REQUESTED);
        switch (t.action()) {
            case ALREADY_IN_CHAT -> say(in.chatId(), ConsultationText.ALREADY_IN_CHAT.in(language, c.key()));
            case SHOW_WAIT -> {
                if (c.state() == ConsultationState.OFFERED) {
                    say(in.chatId(), ConsultationText.ASKING.in(language, c.key()));
                } else {
                    QuarkusTransaction.requiringNew().run(() -> store.forgetPosition(c.id()));
                    dispatcher.dispatch("position asked");
                }
            }
            default -> LOG.warnf("consultation %d: unexpected %s on a repeated request", c.id(), t.action());
        }
    }

    private Handled leave(Incoming in, long consultationId) {
        Language language = Language.of(in.languageCode());
        List<Runnable> after = new ArrayList<>();
        Text answer = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Consultation> found = store.lock(consultationId);
            if (found.isEmpty() || found.get().employeeTelegramUserId() != in.userId()) {
                return ConsultationText.NOT_YOUR_BUTTON;
            }
            Consultation c = found.get();
            Transition t = ConsultationStateMachine.on(c.state(), ConsultationEvent.LEFT_QUEUE);
            return switch (t.action()) {
                case LEAVE_QUEUE -> {
                    store.withdraw(c.id()).ifPresent(o -> after.add(() -> closeOffer(o, c.key(),
                            ConsultationText.OFFER_WITHDRAWN)));
                    store.move(c, t.next(), "left the queue");
                    audit.record(AuditEvent.CONSULTATION_CANCELLED, AuditOutcome.SUCCESS, in.userId(),
                            c.employeeId(), c.key() + ": left the queue");
                    after.add(() -> say(in.chatId(), ConsultationText.LEFT.in(language, c.key())));
                    yield null;
                }
                case ALREADY_IN_CHAT -> {
                    after.add(() -> say(in.chatId(), ConsultationText.ALREADY_IN_CHAT.in(language, c.key())));
                    yield null;
                }
                default -> ConsultationText.NOT_IN_QUEUE;
            };
        });
        after.forEach(Runnable::run);
        if (answer == null && !after.isEmpty()) {
            dispatcher.dispatch("left the queue");
        }
        return answer == null ? Handled.QUIETLY : new Handled(answer.plain(language));
    }

    // --- the specialist's side

    private Handled accept(Incoming in, long offerId) {
        Language language = Language.of(in.languageCode());
        Optional<Offer> mine = QuarkusTransaction.requiringNew().call(() -> store.lockOffer(offerId))
                .filter(o -> o.specialistTelegramUserId() == in.userId());
        if (mine.isEmpty()) {
            return new Handled(ConsultationText.NOT_YOUR_BUTTON.plain(language));
        }
        String specialistName = sessions.fullName(in.userId()).orElse(mine.get().specialistEmployeeId());
        Accepted accepted;
        try {
            accepted = QuarkusTransaction.requiringNew().call(() -> acceptLocked(offerId, specialistName));
        } catch (RuntimeException e) {
            // the database refused a second chat in the same slot: someone else's accept won the race
            LOG.infof("offer %d: accept refused by the database (%s)", offerId, e.getMessage());
            return new Handled(ConsultationText.OFFER_NO_LONGER_OPEN.plain(language));
        }
        if (accepted.refusal() != null) {
            return new Handled(accepted.refusal().plain(language));
        }
        Consultation c = accepted.consultation();
        metrics.counter("bot.consultation.offers", "outcome", "accepted").increment();
        queueWait.record(Duration.between(c.enqueuedAt(), Instant.now()));
        audit.record(AuditEvent.CONSULTATION_ANSWERED, AuditOutcome.SUCCESS, in.userId(), mine.get()
                .specialistEmployeeId(), c.key() + ": accepted, chat " + accepted.chatId());
        closeOffer(pressed(mine.get(), in), c.key(), ConsultationText.OFFER_ACCEPTED);
        Language employeeLanguage = sessions.language(c.employeeTelegramUserId());
        Keyboard end = endButton(accepted.chatId(), employeeLanguage);
        sender.send(new OutgoingMessage(c.employeeTelegramUserId(),
                ConsultationText.CHAT_STARTED_EMPLOYEE.in(employeeLanguage, specialistName, c.key()), end));
        String department = "";
        AgentAnswer<ConsultationBrief> brief = agent.brief(c.key());
        if (brief instanceof AgentAnswer.Ok<ConsultationBrief> ok && ok.value().requesterDepartment() != null) {
            department = " (" + ok.value().requesterDepartment() + ")";
        }
        sender.send(new OutgoingMessage(in.chatId(), ConsultationText.CHAT_STARTED_SPECIALIST.in(language,
                accepted.employeeName(), department, c.key()), endButton(accepted.chatId(), language)));
        return Handled.QUIETLY;
    }

    /** The outcome of an accept: the chat opened, or what to tell the presser. */
    private record Accepted(Consultation consultation, long chatId, String employeeName, Text refusal) {

        static Accepted refused(Text why) {
            return new Accepted(null, 0, null, why);
        }
    }

    /** Accepts an offer in one transaction; whether this call opened the chat (for the race tests). */
    boolean tryAccept(long offerId, String specialistName) {
        return QuarkusTransaction.requiringNew().call(() -> acceptLocked(offerId, specialistName)).refusal() == null;
    }

    private Accepted acceptLocked(long offerId, String specialistName) {
        Offer offer = store.lockOffer(offerId).orElseThrow();
        Consultation c = store.lock(offer.consultationId()).orElseThrow();
        Transition t = ConsultationStateMachine.on(c.state(), ConsultationEvent.ACCEPTED);
        if (!offer.pending() || t.action() != ConsultationAction.START_CHAT) {
            return Accepted.refused(ConsultationText.OFFER_NO_LONGER_OPEN);
        }
        String employeeName = sessions.fullName(c.employeeTelegramUserId()).orElse(c.employeeId());
        Optional<Long> chat = store.openChat(c, offer, config.limitPerSpecialist(), employeeName, specialistName);
        if (chat.isEmpty()) {
            return Accepted.refused(ConsultationText.AT_LIMIT);
        }
        store.answer(offerId, "ACCEPTED");
        store.move(c, t.next(), null);
        return new Accepted(c, chat.get(), employeeName, null);
    }

    private Handled decline(Incoming in, long offerId) {
        Language language = Language.of(in.languageCode());
        Optional<Offer> closed = QuarkusTransaction.requiringNew().call(() -> passOn(offerId, in.userId(),
                ConsultationEvent.DECLINED));
        if (closed.isEmpty()) {
            return new Handled(ConsultationText.OFFER_NO_LONGER_OPEN.plain(language));
        }
        metrics.counter("bot.consultation.offers", "outcome", "declined").increment();
        closeOffer(pressed(closed.get(), in), keyOf(closed.get()), ConsultationText.OFFER_DECLINED);
        dispatcher.dispatch("offer declined");
        return Handled.QUIETLY;
    }

    /**
     * Closes an open offer as declined or timed out and returns its consultation to the queue; empty when the offer
     * is not open (or, for a decline, not the presser's).
     */
    private Optional<Offer> passOn(long offerId, Long presser, ConsultationEvent event) {
        Optional<Offer> found = store.lockOffer(offerId)
                .filter(o -> presser == null || o.specialistTelegramUserId() == presser).filter(Offer::pending);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Offer offer = found.get();
        Consultation c = store.lock(offer.consultationId()).orElseThrow();
        Transition t = ConsultationStateMachine.on(c.state(), event);
        store.answer(offerId, event == ConsultationEvent.DECLINED ? "DECLINED" : "TIMED_OUT");
        if (t.action() == ConsultationAction.OFFER_NEXT) {
            store.move(c, t.next(), null);
        }
        audit.record(AuditEvent.CONSULTATION_ANSWERED, AuditOutcome.SUCCESS, offer.specialistTelegramUserId(),
                offer.specialistEmployeeId(), c.key() + (event == ConsultationEvent.DECLINED ? ": declined"
                        : ": no answer in time"));
        return found;
    }

    private String keyOf(Offer offer) {
        return QuarkusTransaction.requiringNew().call(() -> store.key(offer.consultationId()));
    }

    /**
     * The offer with the message its buttons were pressed on: a press can come before the bot has noted the
     * message's id (the id arrives with Telegram's answer to the send, the press may be quicker).
     */
    private static Offer pressed(Offer offer, Incoming in) {
        Long pressedOn = in.callback() == null ? null : in.callback().messageId();
        return offer.messageId() != null || pressedOn == null ? offer : offer.withMessageId(pressedOn);
    }

    /** Replaces the offer's message (its buttons go) with how it closed. */
    private void closeOffer(Offer offer, String key, ConsultationText how) {
        if (offer.messageId() != null) {
            sender.editText(offer.specialistTelegramUserId(), offer.messageId(),
                    how.in(sessions.language(offer.specialistTelegramUserId()), key));
        }
    }

    private void overview(Incoming in, SessionView session) {
        Language language = Language.of(in.languageCode());
        if (session.role() == null || session.role() == Role.EMPLOYEE) {
            say(in.chatId(), ConsultationText.NO_CHAT_OPEN.in(language));
            return;
        }
        View view = QuarkusTransaction.requiringNew().call(() -> new View(store.activeChatsOf(in.userId()),
                store.pendingOffersOf(session.employeeId()), store.queued().size()));
        StringBuilder text = new StringBuilder(ConsultationText.OVERVIEW.in(language,
                (availability.isOnline(session.employeeId()) ? ConsultationText.OVERVIEW_ONLINE
                        : ConsultationText.OVERVIEW_OFFLINE).plain(language), view.queued()));
        List<List<Keyboard.Button>> buttons = new ArrayList<>();
        for (Chat chat : view.chats()) {
            boolean specialist = chat.specialistTelegramUserId() == in.userId();
            text.append(ConsultationText.OVERVIEW_CHAT.in(language, chat.key(),
                    specialist ? chat.employeeName() : chat.specialistName(), CLOCK.format(chat.startedAt())));
            buttons.add(List.of(new Keyboard.Button(ConsultationText.END_BUTTON.plain(language) + " · " + chat.key(),
                    ConsultationButtons.end(chat.id()))));
        }
        for (Offer offer : view.offers()) {
            String key = QuarkusTransaction.requiringNew().call(() -> store.key(offer.consultationId()));
            text.append(ConsultationText.OVERVIEW_OFFER.in(language, key, CLOCK.format(offer.expiresAt())));
            buttons.add(List.of(new Keyboard.Button(ConsultationText.ACCEPT_BUTTON.plain(language) + " · " + key,
                            ConsultationButtons.accept(offer.id())),
                    new Keyboard.Button(ConsultationText.DECLINE_BUTTON.plain(language),
                            ConsultationButtons.decline(offer.id()))));
        }
        if (view.chats().isEmpty() && view.offers().isEmpty()) {
            text.append(ConsultationText.OVERVIEW_NOTHING.in(language));
        }
        sender.send(new OutgoingMessage(in.chatId(), text.toString(),
                buttons.isEmpty() ? Keyboard.UNCHANGED : new Keyboard.Inline(buttons)));
    }

    private record View(List<Chat> chats, List<Offer> offers, int queued) {
    }

    // --- the end of a chat and the rating

    private void endByCommand(Incoming in) {
        Language language = Language.of(in.languageCode());
        List<Chat> chats = QuarkusTransaction.requiringNew().call(() -> store.activeChatsOf(in.userId()));
        if (chats.isEmpty()) {
            say(in.chatId(), ConsultationText.NO_CHAT_OPEN.in(language));
        } else if (chats.size() == 1) {
            Handled handled = end(in.userId(), chats.get(0).id(), false);
            if (handled.callbackNotice() != null) {
                say(in.chatId(), handled.callbackNotice());
            }
        } else {
            List<List<Keyboard.Button>> buttons = chats.stream().map(c -> List.of(new Keyboard.Button(
                    ConsultationText.END_BUTTON.plain(language) + " · " + c.key() + " · " + c.employeeName(),
                    ConsultationButtons.end(c.id())))).toList();
            sender.send(new OutgoingMessage(in.chatId(), ConsultationText.END_WHICH.in(language),
                    new Keyboard.Inline(buttons)));
        }
    }

    /**
     * Ends a chat by one of its people ({@code idle} false) or by the idle timer ({@code by} is then ignored).
     * Tells both, writes the closing note, asks the employee for a rating and dispatches the queue.
     */
    private Handled end(long by, long chatId, boolean idle) {
        Ended ended = QuarkusTransaction.requiringNew().call(() -> endLocked(by, chatId, idle));
        if (ended == null) {
            return new Handled(ConsultationText.NO_CHAT_OPEN.plain(sessions.language(by)));
        }
        Chat chat = ended.chat();
        sync.syncSoon(chat.id());
        long minutes = ended.duration().toMinutes();
        for (long person : new long[] {chat.employeeTelegramUserId(), chat.specialistTelegramUserId()}) {
            Language language = sessions.language(person);
            say(person, idle ? ConsultationText.CHAT_ENDED_IDLE.in(language, chat.key(),
                    config.idleTimeout().toMinutes()) : ConsultationText.CHAT_ENDED_BY.in(language, chat.key(),
                    ended.byName(), minutes));
        }
        Language language = sessions.language(chat.employeeTelegramUserId());
        List<Keyboard.Button> stars = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            stars.add(new Keyboard.Button(i + "⭐", ConsultationButtons.rate(chat.consultationId(), i)));
        }
        sender.send(new OutgoingMessage(chat.employeeTelegramUserId(), ConsultationText.RATE.in(language, chat.key()),
                new Keyboard.Inline(List.of(stars, List.of(new Keyboard.Button(
                        ConsultationText.SKIP_BUTTON.plain(language),
                        ConsultationButtons.rate(chat.consultationId(), 0)))))));
        metrics.counter("bot.consultation.ended", "by", idle ? "idle" : by == chat.employeeTelegramUserId()
                ? "employee" : "specialist").increment();
        metrics.timer("bot.consultation.duration").record(ended.duration());
        dispatcher.dispatch("chat ended");
        return Handled.QUIETLY;
    }

    private record Ended(Chat chat, String byName, Duration duration) {
    }

    private Ended endLocked(long by, long chatId, boolean idle) {
        Optional<Chat> found = store.lockActiveChat(chatId).filter(c -> idle || c.involves(by));
        if (found.isEmpty() || found.get().consultationId() == null) {
            return null;
        }
        Chat chat = found.get();
        Consultation c = store.lock(chat.consultationId()).orElseThrow();
        boolean employee = by == chat.employeeTelegramUserId();
        Transition t = ConsultationStateMachine.on(c.state(), idle ? ConsultationEvent.IDLE_TIMEOUT
                : employee ? ConsultationEvent.ENDED_BY_EMPLOYEE : ConsultationEvent.ENDED_BY_SPECIALIST);
        if (t.action() != ConsultationAction.END_CHAT) {
            return null;
        }
        String byName = employee ? chat.employeeName() : chat.specialistName();
        store.endChat(chatId, idle ? "IDLE" : employee ? "EMPLOYEE" : "SPECIALIST");
        store.move(c, t.next(), null);
        Duration duration = Duration.between(chat.startedAt(), Instant.now());
        int count = store.messageCount(chatId);
        Language language = sessions.language(chat.employeeTelegramUserId());
        long minutes = Math.max(1, Math.round(duration.toSeconds() / 60.0));
        messages.append(ChatMessages.NewMessage.note(chatId, idle
                ? ConsultationText.NOTE_ENDED_IDLE.note(language, config.idleTimeout().toMinutes(), minutes, count)
                : ConsultationText.NOTE_ENDED_BY.note(language, byName, minutes, count)));
        audit.record(AuditEvent.CONSULTATION_ENDED, AuditOutcome.SUCCESS, idle ? null : by,
                idle ? null : employee ? chat.employeeId() : chat.specialistEmployeeId(),
                chat.key() + ": chat " + chatId + " ended " + (idle ? "after the idle timeout" : employee
                        ? "by the employee" : "by the specialist") + ", " + count + " messages");
        return new Ended(chat, byName, duration);
    }

    private Handled rate(Incoming in, long consultationId, int stars) {
        Language language = Language.of(in.languageCode());
        Text answer = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Consultation> found = store.lock(consultationId);
            if (found.isEmpty() || found.get().employeeTelegramUserId() != in.userId()) {
                return ConsultationText.NOT_YOUR_BUTTON;
            }
            Consultation c = found.get();
            Transition t = ConsultationStateMachine.on(c.state(), stars == 0 ? ConsultationEvent.RATING_SKIPPED
                    : ConsultationEvent.RATED);
            switch (t.action()) {
                case STORE_RATING -> {
                    Chat chat = store.chatOf(c.id()).orElseThrow();
                    store.rate(chat.id(), stars);
                    store.move(c, t.next(), "rated");
                    store.openRatingComment(c.id(), Instant.now().plus(config.ratingCommentWindow()));
                    messages.append(ChatMessages.NewMessage.note(chat.id(),
                            ConsultationText.NOTE_RATING.note(language, stars)));
                    audit.record(AuditEvent.CONSULTATION_RATED, AuditOutcome.SUCCESS, in.userId(), c.employeeId(),
                            c.key() + ": " + stars + "/5");
                    metrics.counter("bot.consultation.ratings", "stars", Integer.toString(stars)).increment();
                    return null;
                }
                case CLOSE_UNRATED -> {
                    store.move(c, t.next(), "rating skipped");
                    return null;
                }
                case ALREADY_RATED -> {
                    return ConsultationText.ALREADY_RATED;
                }
                default -> {
                    return ConsultationText.NOTHING_TO_RATE;
                }
            }
        });
        if (answer != null) {
            return new Handled(answer.plain(language));
        }
        String html = stars == 0 ? ConsultationText.RATING_SKIPPED.in(language)
                : ConsultationText.RATED.in(language, stars, config.ratingCommentWindow().toMinutes());
        if (in.callback().messageId() != null) {
            sender.editText(in.chatId(), in.callback().messageId(), html);
        } else {
            say(in.chatId(), html);
        }
        return Handled.QUIETLY;
    }

    /** The employee's message right after rating, taken as the rating's comment; false when no window is open. */
    private boolean ratingComment(Incoming in) {
        Optional<String> key = QuarkusTransaction.requiringNew().call(() -> store.takeRatingComment(in.userId())
                .map(ids -> {
                    Language language = sessions.language(in.userId());
                    messages.append(ChatMessages.NewMessage.note(ids[1],
                            ConsultationText.NOTE_RATING_COMMENT.note(language, in.text())));
                    return store.key(ids[0]);
                }));
        key.ifPresent(k -> say(in.chatId(), ConsultationText.RATING_COMMENT_SAVED.in(Language.of(in.languageCode()),
                k)));
        return key.isPresent();
    }

    // --- events and timers

    void onAvailability(@Observes AvailabilityChanged changed) {
        if (!changed.online()) {
            List<Offer> withdrawn = QuarkusTransaction.requiringNew().call(() -> {
                List<Offer> passed = new ArrayList<>();
                for (Offer o : store.pendingOffersOf(changed.employeeId())) {
                    passOn(o.id(), null, ConsultationEvent.OFFER_TIMED_OUT).ifPresent(passed::add);
                }
                return passed;
            });
            withdrawn.forEach(o -> closeOffer(o, keyOf(o), ConsultationText.OFFER_WITHDRAWN));
        }
        dispatcher.dispatch(changed.online() ? "specialist online" : "specialist offline");
    }

    void onRequestClosed(@Observes RequestClosed closed) {
        List<Runnable> after = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (Consultation c : store.waitingFor(closed.key())) {
                Transition t = ConsultationStateMachine.on(c.state(), ConsultationEvent.REQUEST_CLOSED);
                if (t.action() != ConsultationAction.CANCEL_FOR_CLOSED_REQUEST) {
                    continue;
                }
                store.withdraw(c.id()).ifPresent(o -> after.add(() -> closeOffer(o, c.key(),
                        ConsultationText.OFFER_WITHDRAWN)));
                store.move(c, t.next(), "request closed");
                audit.record(AuditEvent.CONSULTATION_CANCELLED, AuditOutcome.SUCCESS, c.employeeTelegramUserId(),
                        c.employeeId(), c.key() + ": the request was closed");
                after.add(() -> say(c.employeeTelegramUserId(), ConsultationText.REQUEST_CLOSED.in(
                        sessions.language(c.employeeTelegramUserId()), c.key())));
            }
        });
        after.forEach(Runnable::run);
        dispatcher.dispatch("request closed");
    }

    /**
     * The timers, safe with several instances: each takes its rows with {@code FOR UPDATE SKIP LOCKED}, and the state
     * machine ignores an event that comes late. The queue is dispatched on every tick that found work, and otherwise
     * as a safety net when someone waits.
     */
    @Scheduled(every = "${bot.consultation.tick:PT2S}", delay = 5, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            List<Offer> expired = QuarkusTransaction.requiringNew().call(() -> {
                List<Offer> passed = new ArrayList<>();
                for (Offer o : store.expiredOffers(TIMER_BATCH)) {
                    passOn(o.id(), null, ConsultationEvent.OFFER_TIMED_OUT).ifPresent(passed::add);
                }
                return passed;
            });
            for (Offer o : expired) {
                metrics.counter("bot.consultation.offers", "outcome", "timed_out").increment();
                closeOffer(o, keyOf(o), ConsultationText.OFFER_EXPIRED);
            }
            List<Long> idle = QuarkusTransaction.requiringNew().call(() -> store.idleChats(
                    Instant.now().minus(config.idleTimeout()), TIMER_BATCH));
            for (long chatId : idle) {
                end(0, chatId, true);
            }
            QuarkusTransaction.requiringNew().run(() -> {
                for (Consultation c : store.unratedBefore(Instant.now().minus(config.ratingWindow()), TIMER_BATCH)) {
                    store.move(c, ConsultationState.UNRATED, "rating window passed");
                }
            });
            if (!expired.isEmpty() || QuarkusTransaction.requiringNew().call(store::anyQueued)) {
                dispatcher.dispatch(expired.isEmpty() ? "timer" : "offers expired");
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "consultation timers failed; next tick tries again");
        }
    }

    private void say(long chatId, String html) {
        sender.send(new OutgoingMessage(chatId, html, Keyboard.UNCHANGED));
    }

    private static Keyboard endButton(long chatId, Language language) {
        return new Keyboard.Inline(List.of(List.of(new Keyboard.Button(ConsultationText.END_BUTTON.plain(language),
                ConsultationButtons.end(chatId)))));
    }
}
