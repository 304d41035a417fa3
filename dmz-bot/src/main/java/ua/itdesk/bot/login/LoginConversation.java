package ua.itdesk.bot.login;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import ua.itdesk.bot.agent.AgentClient;
import ua.itdesk.bot.agent.RefreshOutcome;
import ua.itdesk.bot.agent.VerifyOutcome;
import ua.itdesk.bot.audit.AuditEvent;
import ua.itdesk.bot.audit.AuditLog;
import ua.itdesk.bot.audit.AuditOutcome;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.consultation.ChatRelay;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.MessageSender;
import ua.itdesk.bot.conversation.OutgoingMessage;
import ua.itdesk.bot.conversation.Text;
import ua.itdesk.bot.conversation.UpdateHandler;
import ua.itdesk.bot.login.LoginStateMachine.Transition;
import ua.itdesk.bot.menu.MenuFeature;
import ua.itdesk.bot.menu.MenuItem;
import ua.itdesk.bot.menu.MenuText;
import ua.itdesk.bot.menu.Menus;
import ua.itdesk.bot.presence.AvailabilityToggle;
import ua.itdesk.bot.session.SessionStore;
import ua.itdesk.bot.session.SessionView;
import ua.itdesk.contracts.PhoneNumbers;
import ua.itdesk.contracts.v1.Role;

/**
 * The login conversation (A1-A7) and the session gate in front of everything a logged-in person does: it checks
 * inactivity and the role cache before each action, then carries out what {@link LoginStateMachine} decides.
 */
@ApplicationScoped
public class LoginConversation implements UpdateHandler {

    private static final Logger LOG = Logger.getLogger(LoginConversation.class);
    private static final PhoneNumbers PHONES = PhoneNumbers.ukraine();
    /** Refresh a token this long before it expires, so no call is made with a token about to die. */
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);

    private final SessionStore sessions;
    private final AgentClient agent;
    private final MessageSender sender;
    private final AuditLog audit;
    private final BotConfig config;
    private final MeterRegistry metrics;
    private final List<MenuFeature> features;
    private final AvailabilityToggle availability;
    private final ChatRelay relay;

    LoginConversation(SessionStore sessions, AgentClient agent, MessageSender sender, AuditLog audit,
            BotConfig config, MeterRegistry metrics, @All List<MenuFeature> features,
            AvailabilityToggle availability, ChatRelay relay) {
        this.features = features;
        this.relay = relay;
        this.sessions = sessions;
        this.agent = agent;
        this.sender = sender;
        this.audit = audit;
        this.config = config;
        this.metrics = metrics;
        this.availability = availability;
    }

    /** What one update carries through the steps of its handling. */
    private static final class Turn {
        final Incoming in;
        final Language language;
        /** Who was logged in when the update arrived (for audit rows written after the session changed). */
        final String employeeId;
        Optional<SessionView> session;
        String callbackNotice;
        String welcomeName;
        Role welcomeRole;
        String welcomeNonce;

        Turn(Incoming in, Optional<SessionView> session) {
            this.in = in;
            this.language = Language.of(in.languageCode());
            this.session = session;
            this.employeeId = session.map(SessionView::employeeId).orElse(null);
        }

        long user() {
            return in.userId();
        }

        long chat() {
            return in.chatId();
        }
    }

    @Override
    @ActivateRequestContext
    public void handle(Incoming in) {
        Turn turn = new Turn(in, sessions.find(in.userId()));
        try {
            LoginEvent event = LoginEvent.of(in);
            LoginState state = turn.session.map(this::stateOf).orElse(LoginState.ANONYMOUS);
            if (state == LoginState.AUTHENTICATED && relayedInChat(turn)) {
                return;
            }
            if (in.edited()) {
                // outside a chat an edit is not a new message: answering it would repeat what was already handled
                LOG.debugf("user %d: edited message outside a chat ignored", turn.user());
                return;
            }
            if (state == LoginState.AUTHENTICATED && event.passesSessionGate() && !passGate(turn, event)) {
                return;
            }
            if (state == LoginState.AUTHENTICATED && event.passesSessionGate() && interceptedByFeature(turn)) {
                return;
            }
            run(turn, state, event);
        } finally {
            if (in.callback() != null) {
                sender.answerCallback(in.callback().queryId(), turn.callbackNotice);
            }
        }
    }

    /**
     * Before a logged-in person acts: end an idle session (A6), and re-check the person with the agent when the
     * cached role has expired. Returns whether the event should still be handled as it is.
     */
    private boolean passGate(Turn turn, LoginEvent event) {
        SessionView s = turn.session.orElseThrow();
        Instant now = Instant.now();
        if (expired(s, now)) {
            audit.record(AuditEvent.SESSION_EXPIRED, AuditOutcome.SUCCESS, turn.user(), s.employeeId(),
                    "idle since " + s.lastActivityAt());
            run(turn, LoginState.AUTHENTICATED, LoginEvent.SESSION_EXPIRED);
            if (event == LoginEvent.OWN_CONTACT || event == LoginEvent.FOREIGN_CONTACT) {
                run(turn, LoginState.AWAITING_CONTACT, event);
            }
            return false;
        }
        if (event.needsConfirmedRole() && roleNeedsCheck(s, now)) {
            Optional<String> token = sessions.token(turn.user());
            RefreshOutcome outcome = token.isPresent() ? agent.refresh(token.get()) : new RefreshOutcome.Revoked();
            if (outcome instanceof RefreshOutcome.Refreshed refreshed) {
                Optional<Role> before = sessions.refreshed(turn.user(), refreshed.token(),
                        now.plus(config.session().roleCacheTtl()));
                Role role = refreshed.token().employee().role();
                audit.record(AuditEvent.SESSION_REFRESHED, AuditOutcome.SUCCESS, turn.user(), s.employeeId(),
                        "role " + role);
                before.ifPresent(old -> audit.record(AuditEvent.ROLE_CHANGED, AuditOutcome.SUCCESS, turn.user(),
                        s.employeeId(), old + " -> " + role));
                turn.session = sessions.find(turn.user());
            } else if (outcome instanceof RefreshOutcome.Revoked) {
                audit.record(AuditEvent.ACCESS_REVOKED, AuditOutcome.REFUSED, turn.user(), s.employeeId(),
                        "the agent no longer confirms the person");
                run(turn, LoginState.AUTHENTICATED, LoginEvent.ACCESS_REVOKED);
                return false;
            } else {
                audit.record(AuditEvent.SESSION_REFRESHED, AuditOutcome.UNAVAILABLE, turn.user(), s.employeeId(),
                        ((RefreshOutcome.Unavailable) outcome).reason());
                reply(turn, LoginText.UNAVAILABLE, Keyboard.UNCHANGED);
                return false;
            }
        }
        sessions.touch(turn.user(), now);
        return true;
    }

    /**
     * A message in an open consultation chat goes to the other side (C3). It passes the inactivity check but not
     * the role re-check: that one asks the agent, and a chat must go on while the agent is down.
     */
    private boolean relayedInChat(Turn turn) {
        Instant now = Instant.now();
        if (expired(turn.session.orElseThrow(), now) || !relay.relay(turn.in)) {
            return false;
        }
        sessions.touch(turn.user(), now);
        return true;
    }

    private boolean expired(SessionView s, Instant now) {
        boolean idle = s.lastActivityAt().plus(config.session().idleTimeout()).isBefore(now);
        boolean tokenGone = !s.hasToken() || s.expiresAt() == null || !s.expiresAt().isAfter(now);
        return idle || tokenGone;
    }

    private static boolean roleNeedsCheck(SessionView s, Instant now) {
        return s.role() == null || s.roleExpiresAt() == null || !s.roleExpiresAt().isAfter(now)
                || s.expiresAt().minus(TOKEN_MARGIN).isBefore(now);
    }

    private void run(Turn turn, LoginState state, LoginEvent event) {
        Transition t = LoginStateMachine.on(state, event);
        LOG.debugf("user %d: %s + %s -> %s (%s)", turn.user(), state, event, t.next(), t.action());
        switch (t.action()) {
            case VERIFY_CONTACT -> {
                run(turn, state, verify(turn));
                return;
            }
            case WELCOME -> {
                welcome(turn);
                return;
            }
            case FORGET_ME -> {
                forget(turn);
                return;
            }
            case ASK_TO_CONFIRM_FORGET -> {
                reply(turn, LoginText.FORGET_QUESTION, ForgetQuestion.buttons(turn.language, Instant.now()));
                return;
            }
            case KEEP_DATA -> {
                reply(turn, LoginText.FORGET_KEPT, Keyboard.UNCHANGED);
                return;
            }
            default -> {
                // the state is saved before anything is said, so whatever the user sees is already true
                persist(turn, state, t.next());
                perform(turn, t.action());
            }
        }
    }

    private void perform(Turn turn, LoginAction action) {
        switch (action) {
            case GREET -> reply(turn, LoginText.GREETING.in(turn.language, turn.in.firstName()), contactButton(turn));
            case ASK_FOR_CONTACT -> reply(turn, LoginText.ASK_FOR_CONTACT, contactButton(turn));
            case LOGIN_REQUIRED -> reply(turn, LoginText.LOGIN_REQUIRED, contactButton(turn));
            case REFUSE_FOREIGN_CONTACT -> refuseForeignContact(turn);
            case REFUSE_DENIED -> reply(turn, LoginText.DENIED, Keyboard.REMOVE);
            case ANSWER_THROTTLED -> reply(turn, LoginText.THROTTLED, Keyboard.UNCHANGED);
            case ANSWER_UNAVAILABLE -> reply(turn, LoginText.UNAVAILABLE, Keyboard.UNCHANGED);
            case SHOW_MENU -> showMenu(turn);
            case SHOW_HELP -> reply(turn, LoginText.HELP, Keyboard.UNCHANGED);
            case HANDLE_MENU_CHOICE -> handleMenuChoice(turn);
            case UNEXPECTED_INPUT -> {
                reply(turn, LoginText.UNEXPECTED_INPUT, Keyboard.UNCHANGED);
                showMenu(turn);
            }
            case ASK_TO_START -> reply(turn, LoginText.ASK_TO_START, Keyboard.UNCHANGED);
            case CANCELLED -> reply(turn, LoginText.CANCELLED, Keyboard.REMOVE);
            case NOTHING_TO_CANCEL -> reply(turn, LoginText.NOTHING_TO_CANCEL, Keyboard.UNCHANGED);
            case BACK_TO_MENU -> {
                reply(turn, LoginText.BACK_TO_MENU, Keyboard.UNCHANGED);
                showMenu(turn);
            }
            case ALREADY_LOGGED_IN -> {
                reply(turn, LoginText.ALREADY_LOGGED_IN, Keyboard.REMOVE);
                showMenu(turn);
            }
            case LOGGED_OUT -> {
                audit.record(AuditEvent.LOGOUT, AuditOutcome.SUCCESS, turn.user(), employeeId(turn), null);
                reply(turn, LoginText.LOGGED_OUT, Keyboard.REMOVE);
            }
            case NOT_LOGGED_IN -> reply(turn, LoginText.NOT_LOGGED_IN, Keyboard.REMOVE);
            case SESSION_EXPIRED -> reply(turn, LoginText.SESSION_EXPIRED, contactButton(turn));
            case ACCESS_REVOKED -> reply(turn, LoginText.ACCESS_REVOKED, Keyboard.REMOVE);
            default -> throw new IllegalStateException("action without a handler: " + action);
        }
    }

    /** Saves a changed state; leaving AUTHENTICATED forgets the token. Strangers who never began get no row. */
    private void persist(Turn turn, LoginState from, LoginState next) {
        if (from == next) {
            return;
        }
        sessions.moveTo(turn.user(), turn.chat(), next.name(), turn.language, next == LoginState.AUTHENTICATED);
        turn.session = sessions.find(turn.user());
        if (from == LoginState.AUTHENTICATED) {
            availability.sessionEnded(turn.user(), turn.employeeId);
        }
    }

    private LoginEvent verify(Turn turn) {
        long user = turn.user();
        Instant since = Instant.now().minus(config.login().failureWindow());
        if (sessions.failuresSince(user, since) >= config.login().maxFailures()) {
            audit.record(AuditEvent.LOGIN, AuditOutcome.THROTTLED, user, null, "too many failed logins");
            count("throttled");
            return LoginEvent.THROTTLED;
        }
        Optional<String> e164 = PHONES.toE164(turn.in.contact().phoneNumber());
        if (e164.isEmpty()) {
            sessions.recordFailure(user, "not_a_number");
            audit.record(AuditEvent.LOGIN, AuditOutcome.REFUSED, user, null, "the shared contact has no usable number");
            count("denied");
            return LoginEvent.DENIED;
        }
        String masked = PhoneNumbers.mask(e164.get());
        VerifyOutcome outcome = agent.verify(user, e164.get());
        if (outcome instanceof VerifyOutcome.Verified verified) {
            var employee = verified.token().employee();
            SessionStore.LoginRecord record = sessions.start(user, turn.chat(), e164.get(), verified.token(),
                    turn.language, LoginState.AUTHENTICATED.name(),
                    Instant.now().plus(config.session().roleCacheTtl()));
            audit.record(AuditEvent.LOGIN, AuditOutcome.SUCCESS, user, employee.employeeId(),
                    "phone " + masked + ", role " + employee.role() + (record.firstLogin() ? ", first login" : ""));
            record.phoneMovedFrom().ifPresent(previous -> audit.record(AuditEvent.PHONE_REBOUND,
                    AuditOutcome.SUCCESS, user, employee.employeeId(),
                    "number " + masked + " moved from Telegram user " + previous + "; that session ended"));
            turn.welcomeName = employee.fullName();
            turn.welcomeRole = employee.role();
            turn.welcomeNonce = record.callbackNonce();
            count("success");
            return LoginEvent.VERIFIED;
        }
        if (outcome instanceof VerifyOutcome.Denied) {
            sessions.recordFailure(user, "denied");
            audit.record(AuditEvent.LOGIN, AuditOutcome.REFUSED, user, null, "not confirmed, phone " + masked);
            count("denied");
            return LoginEvent.DENIED;
        }
        if (outcome instanceof VerifyOutcome.Throttled) {
            audit.record(AuditEvent.LOGIN, AuditOutcome.THROTTLED, user, null, "the agent throttled, phone " + masked);
            count("throttled");
            return LoginEvent.THROTTLED;
        }
        audit.record(AuditEvent.LOGIN, AuditOutcome.UNAVAILABLE, user, null,
                ((VerifyOutcome.Unavailable) outcome).reason());
        count("unavailable");
        return LoginEvent.UNAVAILABLE;
    }

    private void refuseForeignContact(Turn turn) {
        Incoming.SharedContact contact = turn.in.contact();
        sessions.recordFailure(turn.user(), "foreign_contact");
        String owner = contact.userId() == null ? "none" : contact.userId().toString();
        String number = PHONES.toE164(contact.phoneNumber()).map(PhoneNumbers::mask).orElse("unusable");
        audit.record(AuditEvent.CONTACT_REJECTED, AuditOutcome.REFUSED, turn.user(), employeeId(turn),
                "contact.user_id " + owner + ", forwarded " + turn.in.forwarded() + ", phone " + number);
        count("foreign_contact");
        Keyboard keyboard = stateOf(turn) == LoginState.AUTHENTICATED ? Keyboard.UNCHANGED : contactButton(turn);
        reply(turn, LoginText.FOREIGN_CONTACT, keyboard);
    }

    private void welcome(Turn turn) {
        reply(turn, LoginText.WELCOME.in(turn.language, turn.welcomeName), Keyboard.REMOVE);
        boolean online = sessions.find(turn.user()).map(s -> availability.isOnline(s.employeeId())).orElse(false);
        sender.send(Menus.mainMenu(turn.chat(), turn.welcomeRole, turn.welcomeNonce, turn.language, online));
    }

    private void showMenu(Turn turn) {
        SessionView s = turn.session.orElseThrow();
        sender.send(Menus.mainMenu(turn.chat(), s.role(), s.callbackNonce(), turn.language,
                availability.isOnline(s.employeeId())));
    }

    private void handleMenuChoice(Turn turn) {
        SessionView s = turn.session.orElseThrow();
        Optional<Menus.Choice> choice = Menus.parse(turn.in.callback().data());
        Optional<MenuItem> item = choice
                .filter(c -> s.callbackNonce() != null && s.callbackNonce().equals(c.nonce()))
                .flatMap(Menus.Choice::item)
                .filter(i -> MenuItem.of(s.role()).contains(i));
        if (item.isEmpty()) {
            audit.record(AuditEvent.CALLBACK_REJECTED, AuditOutcome.REFUSED, turn.user(), s.employeeId(),
                    "button data not bound to this session or role");
            turn.callbackNotice = MenuText.STALE.plain(turn.language);
            showMenu(turn);
            return;
        }
        MenuItem chosen = item.get();
        Optional<MenuFeature> feature = features.stream().filter(f -> f.serves(chosen)).findFirst();
        if (chosen == MenuItem.HELP) {
            reply(turn, LoginText.HELP, Keyboard.UNCHANGED);
        } else if (feature.isPresent()) {
            feature.get().open(chosen, turn.in, s);
        } else if (chosen == MenuItem.AVAILABILITY) {
            reply(turn, availability.toggle(turn.user(), s.employeeId(), turn.language), Keyboard.UNCHANGED);
            showMenu(turn);
        } else {
            reply(turn, MenuText.COMING_LATER.in(turn.language, item.get().plain(turn.language)), Keyboard.UNCHANGED);
        }
    }

    /** Lets the menu's features (wizards, views) take the update first; true when one did. */
    private boolean interceptedByFeature(Turn turn) {
        SessionView s = turn.session.orElseThrow();
        for (MenuFeature feature : features) {
            Optional<MenuFeature.Handled> handled = feature.intercept(turn.in, s);
            if (handled.isPresent()) {
                turn.callbackNotice = handled.get().callbackNotice();
                return true;
            }
        }
        return false;
    }

    private void forget(Turn turn) {
        availability.sessionEnded(turn.user(), turn.employeeId);
        boolean had = sessions.forget(turn.user());
        audit.record(AuditEvent.DATA_FORGOTTEN, AuditOutcome.SUCCESS, turn.user(), employeeId(turn),
                had ? "session, person and role cache deleted" : "nothing stored");
        turn.session = Optional.empty();
        reply(turn, LoginText.FORGOTTEN, Keyboard.REMOVE);
    }

    private Keyboard contactButton(Turn turn) {
        return new Keyboard.RequestContact(LoginText.CONTACT_BUTTON.plain(turn.language));
    }

    private void reply(Turn turn, Text text, Keyboard keyboard) {
        reply(turn, text.in(turn.language), keyboard);
    }

    private void reply(Turn turn, String html, Keyboard keyboard) {
        sender.send(new OutgoingMessage(turn.chat(), html, keyboard));
    }

    private LoginState stateOf(Turn turn) {
        return turn.session.map(this::stateOf).orElse(LoginState.ANONYMOUS);
    }

    private LoginState stateOf(SessionView s) {
        return LoginState.named(s.state()).orElseGet(() -> {
            LOG.warnf("user %d: unknown conversation state %s, treated as anonymous", s.telegramUserId(), s.state());
            return LoginState.ANONYMOUS;
        });
    }

    private static String employeeId(Turn turn) {
        return turn.employeeId;
    }

    private void count(String outcome) {
        metrics.counter("bot.logins", "outcome", outcome).increment();
    }
}
