package ua.itdesk.bot.consultation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import ua.itdesk.bot.agent.AgentAnswer;
import ua.itdesk.bot.agent.ConsultationsClient;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.consultation.ConsultationStore.Consultation;
import ua.itdesk.bot.consultation.ConsultationStore.Offer;
import ua.itdesk.bot.conversation.Html;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.presence.AvailabilityToggle;
import ua.itdesk.bot.presence.OnlineSpecialist;
import ua.itdesk.bot.requests.RequestText;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.contracts.v1.ConsultationBrief;

/**
 * Serves the queue (C1, C2): for each waiting consultation in {@link ConsultationQueue} order, the next specialist
 * down the ranking ({@link OfferRotation}) who is online and below the limit gets an offer; the others are told
 * their position and estimated wait when it changed. One dispatch at a time across all bot instances (an advisory
 * lock held for the transaction); messages go out after the commit, so what a person reads is already true.
 *
 * <p>The ranking is the agent's ({@link ConsultationBrief#rankedSpecialists()}, the assignment formula T3 over the
 * specialists online), followed by specialists online here that the agent did not rank (its copy of the presence
 * may lag a toggle by a moment). When the agent cannot be reached the consultation is still offered: to the
 * specialists online here, fewest chats first, with the facts the bot holds (key, priority, the requester's name).
 */
@ApplicationScoped
class QueueDispatcher {

    private static final Logger LOG = Logger.getLogger(QueueDispatcher.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.of("Europe/Kyiv"));

    private final ConsultationStore store;
    private final ConsultationsClient agent;
    private final AvailabilityToggle availability;
    private final SessionStore sessions;
    private final MessageSender sender;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final BotConfig.Consultation config;
    private final ConsultationQueue queue;
    private final WaitEstimator estimator;
    private final AtomicInteger waiting = new AtomicInteger();

    QueueDispatcher(ConsultationStore store, ConsultationsClient agent, AvailabilityToggle availability,
            SessionStore sessions, MessageSender sender, AuditLog audit, MeterRegistry metrics, BotConfig config) {
        this.store = store;
        this.agent = agent;
        this.availability = availability;
        this.sessions = sessions;
        this.sender = sender;
        this.audit = audit;
        this.metrics = metrics;
        this.config = config.consultation();
        this.queue = new ConsultationQueue(this.config.ageingStep());
        this.estimator = new WaitEstimator(this.config.estimateSample(), this.config.estimateDefault());
        Gauge.builder("bot.consultation.queue", waiting, AtomicInteger::get)
                .description("consultations waiting for a specialist, as of the last dispatch").register(metrics);
    }

    /** Offers what can be offered now and tells the others their place; returns after the messages went out. */
    void dispatch(String why) {
        List<Runnable> after = new ArrayList<>();
        QuarkusTransaction.requiringNew().timeout(120).run(() -> plan(after));
        after.forEach(Runnable::run);
        LOG.debugf("consultation queue dispatched (%s): %d messages", why, after.size());
    }

    private void plan(List<Runnable> after) {
        store.lockQueue();
        List<Consultation> queued = store.queued();
        waiting.set(queued.size());
        if (queued.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        int limit = config.limitPerSpecialist();
        Map<String, OnlineSpecialist> online = new LinkedHashMap<>();
        availability.onlineSpecialists().forEach(s -> online.put(s.employeeId(), s));
        Map<String, Integer> load = new HashMap<>(store.loads());
        Set<String> withOffer = store.withPendingOffer();
        Map<Long, Consultation> byId = queued.stream().collect(Collectors.toMap(Consultation::id, c -> c));
        List<Consultation> remaining = new ArrayList<>();
        for (ConsultationQueue.Entry entry : queue.order(queued.stream().map(Consultation::entry).toList())) {
            Consultation c = byId.get(entry.id());
            Set<String> busy = online.keySet().stream()
                    .filter(id -> load.getOrDefault(id, 0) >= limit || withOffer.contains(id))
                    .collect(Collectors.toSet());
            if (busy.size() == online.size()) {
                remaining.add(c);
                continue;
            }
            Ranking ranking = rank(c, online, load);
            if (ranking.closed()) {
                cancelForClosedRequest(c, after);
                continue;
            }
            Set<String> offline = new HashSet<>(ranking.order());
            offline.removeAll(online.keySet());
            Optional<String> next = OfferRotation.next(ranking.order(), new OfferRotation.Exclusions(c.employeeId(),
                    store.passedSince(c.id(), now.minus(config.offerCooldown())), busy, offline));
            if (next.isEmpty() || !store.move(c, ConsultationState.OFFERED, null)) {
                remaining.add(c);
                continue;
            }
            OnlineSpecialist specialist = online.get(next.get());
            Offer offer = store.offer(c.id(), specialist.employeeId(), specialist.telegramUserId(),
                    now.plus(config.offerTimeout()));
            load.merge(specialist.employeeId(), 1, Integer::sum);
            withOffer.add(specialist.employeeId());
            boolean first = store.offerCount(c.id()) == 1;
            metrics.counter("bot.consultation.offers", "outcome", "sent").increment();
            after.add(() -> sendOffer(offer, c, ranking.brief()));
            if (first) {
                after.add(() -> tellEmployee(c, ConsultationText.ASKING.in(language(c), c.key()), Keyboard.UNCHANGED));
            }
        }
        waiting.set(remaining.size());
        tellPositions(remaining, online.keySet(), limit, load, after);
    }

    /** The ranking for one consultation, and whether its request is still open. */
    private record Ranking(List<String> order, ConsultationBrief brief, boolean closed) {
    }

    private Ranking rank(Consultation c, Map<String, OnlineSpecialist> online, Map<String, Integer> load) {
        List<String> local = online.keySet().stream()
                .sorted(Comparator.comparing((String id) -> load.getOrDefault(id, 0)).thenComparing(id -> id))
                .toList();
        AgentAnswer<ConsultationBrief> answer = agent.brief(c.key());
        if (answer instanceof AgentAnswer.Ok<ConsultationBrief> ok) {
            if (!ok.value().open()) {
                return new Ranking(List.of(), ok.value(), true);
            }
            List<String> order = new ArrayList<>(ok.value().rankedSpecialists());
            local.stream().filter(id -> !order.contains(id)).forEach(order::add);
            return new Ranking(order, ok.value(), false);
        }
        if (answer instanceof AgentAnswer.NotFound<ConsultationBrief>) {
            return new Ranking(List.of(), null, true);
        }
        LOG.infof("consultation %d (%s): the agent cannot rank now; offered by the local order", c.id(), c.key());
        return new Ranking(local, null, false);
    }

    private void cancelForClosedRequest(Consultation c, List<Runnable> after) {
        if (!store.move(c, ConsultationState.CANCELLED, "request closed")) {
            return;
        }
        audit.record(AuditEvent.CONSULTATION_CANCELLED, AuditOutcome.SUCCESS, c.employeeTelegramUserId(),
                c.employeeId(), c.key() + ": the request is closed");
        after.add(() -> tellEmployee(c, ConsultationText.REQUEST_CLOSED.in(language(c), c.key()), Keyboard.REMOVE));
    }

    private void tellPositions(List<Consultation> remaining, Set<String> online, int limit, Map<String, Integer> load,
            List<Runnable> after) {
        if (remaining.isEmpty()) {
            return;
        }
        int onlineCount = online.size();
        int free = online.stream().mapToInt(id -> Math.max(0, limit - load.getOrDefault(id, 0))).sum();
        WaitEstimator.Capacity capacity = new WaitEstimator.Capacity(onlineCount, limit, free);
        List<Duration> recent = store.recentDurations(config.estimateSample());
        int position = 0;
        for (Consultation c : remaining) {
            position++;
            if (c.lastPosition() != null && c.lastPosition() == position) {
                continue;
            }
            store.tellPosition(c.id(), position);
            Optional<Duration> wait = estimator.estimate(position, recent, capacity);
            int p = position;
            after.add(() -> {
                Language language = language(c);
                // "about 0 min" reads as a promise nobody keeps: a wait under a minute is told as one minute
                String text = wait.map(w -> ConsultationText.POSITION.in(language, p, c.key(),
                        Math.max(1, w.toMinutes()), onlineCount)).orElseGet(() -> ConsultationText.POSITION_NOBODY_ONLINE.in(language, p,
                        c.key()));
                tellEmployee(c, text, leaveButton(c, language));
            });
        }
    }

    private void sendOffer(Offer offer, Consultation c, ConsultationBrief brief) {
        Language language = sessions.language(offer.specialistTelegramUserId());
        String name = brief != null && brief.requesterName() != null ? brief.requesterName()
                : sessions.fullName(c.employeeTelegramUserId()).orElse(c.employeeId());
        String department = brief != null && brief.requesterDepartment() != null
                ? ConsultationText.OFFER_DEPARTMENT.in(language, brief.requesterDepartment()) : "";
        String summary = brief != null && brief.summary() != null ? brief.summary() : "";
        String priority = RequestText.of(c.priority()).plain(language);
        // the department part is already escaped HTML, so the template is filled by hand
        String html = ConsultationText.OFFER.template(language).formatted(Html.escape(c.key()), Html.escape(priority),
                Html.escape(summary), Html.escape(name), department, config.offerTimeout().toSeconds());
        Keyboard buttons = new Keyboard.Inline(List.of(List.of(
                new Keyboard.Button(ConsultationText.ACCEPT_BUTTON.plain(language),
                        ConsultationButtons.accept(offer.id())),
                new Keyboard.Button(ConsultationText.DECLINE_BUTTON.plain(language),
                        ConsultationButtons.decline(offer.id())))));
        sender.sendAndGetId(new OutgoingMessage(offer.specialistTelegramUserId(), html, buttons)).ifPresent(id ->
                QuarkusTransaction.requiringNew().run(() -> store.offerMessage(offer.id(), id)));
        LOG.infof("consultation %d (%s): offered to %s until %s", c.id(), c.key(), offer.specialistEmployeeId(),
                CLOCK.format(offer.expiresAt()));
    }

    Keyboard leaveButton(Consultation c, Language language) {
        return new Keyboard.Inline(List.of(List.of(new Keyboard.Button(
                ConsultationText.LEAVE_BUTTON.plain(language), ConsultationButtons.leave(c.id())))));
    }

    private void tellEmployee(Consultation c, String html, Keyboard keyboard) {
        sender.send(new OutgoingMessage(c.employeeTelegramUserId(), html, keyboard));
    }

    private Language language(Consultation c) {
        return sessions.language(c.employeeTelegramUserId());
    }
}
