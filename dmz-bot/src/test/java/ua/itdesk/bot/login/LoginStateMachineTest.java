package ua.itdesk.bot.login;

import static org.assertj.core.api.Assertions.assertThat;
import static ua.itdesk.bot.login.LoginState.ANONYMOUS;
import static ua.itdesk.bot.login.LoginState.AUTHENTICATED;
import static ua.itdesk.bot.login.LoginState.AWAITING_CONTACT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.login.LoginStateMachine.Transition;

class LoginStateMachineTest {

    @Test
    void startAsksAStrangerForTheContact() {
        assertThat(LoginStateMachine.on(ANONYMOUS, LoginEvent.START))
                .isEqualTo(new Transition(AWAITING_CONTACT, LoginAction.GREET));
    }

    @Test
    void ownContactIsVerifiedWithoutChangingStateUntilTheAgentAnswers() {
        assertThat(LoginStateMachine.on(AWAITING_CONTACT, LoginEvent.OWN_CONTACT))
                .isEqualTo(new Transition(AWAITING_CONTACT, LoginAction.VERIFY_CONTACT));
        assertThat(LoginStateMachine.on(ANONYMOUS, LoginEvent.OWN_CONTACT).action())
                .isEqualTo(LoginAction.VERIFY_CONTACT);
    }

    @Test
    void theAgentsAnswerDecidesTheNextState() {
        assertThat(LoginStateMachine.on(AWAITING_CONTACT, LoginEvent.VERIFIED))
                .isEqualTo(new Transition(AUTHENTICATED, LoginAction.WELCOME));
        assertThat(LoginStateMachine.on(AWAITING_CONTACT, LoginEvent.DENIED))
                .isEqualTo(new Transition(ANONYMOUS, LoginAction.REFUSE_DENIED));
        assertThat(LoginStateMachine.on(AWAITING_CONTACT, LoginEvent.THROTTLED))
                .isEqualTo(new Transition(AWAITING_CONTACT, LoginAction.ANSWER_THROTTLED));
        assertThat(LoginStateMachine.on(ANONYMOUS, LoginEvent.UNAVAILABLE))
                .isEqualTo(new Transition(AWAITING_CONTACT, LoginAction.ANSWER_UNAVAILABLE));
    }

    @ParameterizedTest
    @EnumSource(LoginState.class)
    void aForeignContactIsRefusedInEveryState(LoginState state) {
        assertThat(LoginStateMachine.on(state, LoginEvent.FOREIGN_CONTACT).action())
                .isEqualTo(LoginAction.REFUSE_FOREIGN_CONTACT);
        assertThat(LoginStateMachine.on(state, LoginEvent.FOREIGN_CONTACT).next())
                .isNotEqualTo(state == AUTHENTICATED ? ANONYMOUS : AUTHENTICATED);
    }

    @Test
    void cancelLeavesTheLoginOrTheCurrentAction() {
        assertThat(LoginStateMachine.on(AWAITING_CONTACT, LoginEvent.CANCEL))
                .isEqualTo(new Transition(ANONYMOUS, LoginAction.CANCELLED));
        assertThat(LoginStateMachine.on(ANONYMOUS, LoginEvent.CANCEL))
                .isEqualTo(new Transition(ANONYMOUS, LoginAction.NOTHING_TO_CANCEL));
        assertThat(LoginStateMachine.on(AUTHENTICATED, LoginEvent.CANCEL))
                .isEqualTo(new Transition(AUTHENTICATED, LoginAction.BACK_TO_MENU));
    }

    @Test
    void unexpectedInputGetsAnAnswerFittingTheState() {
        assertThat(LoginStateMachine.on(ANONYMOUS, LoginEvent.TEXT))
                .isEqualTo(new Transition(ANONYMOUS, LoginAction.ASK_TO_START));
        assertThat(LoginStateMachine.on(AWAITING_CONTACT, LoginEvent.TEXT))
                .isEqualTo(new Transition(AWAITING_CONTACT, LoginAction.ASK_FOR_CONTACT));
        assertThat(LoginStateMachine.on(AUTHENTICATED, LoginEvent.TEXT))
                .isEqualTo(new Transition(AUTHENTICATED, LoginAction.UNEXPECTED_INPUT));
    }

    @Test
    void menuBeforeLoginAsksToLogIn() {
        assertThat(LoginStateMachine.on(ANONYMOUS, LoginEvent.MENU))
                .isEqualTo(new Transition(AWAITING_CONTACT, LoginAction.LOGIN_REQUIRED));
        assertThat(LoginStateMachine.on(AWAITING_CONTACT, LoginEvent.MENU_CHOICE))
                .isEqualTo(new Transition(AWAITING_CONTACT, LoginAction.LOGIN_REQUIRED));
    }

    @Test
    void aLoggedInPersonUsesTheMenu() {
        assertThat(LoginStateMachine.on(AUTHENTICATED, LoginEvent.MENU))
                .isEqualTo(new Transition(AUTHENTICATED, LoginAction.SHOW_MENU));
        assertThat(LoginStateMachine.on(AUTHENTICATED, LoginEvent.MENU_CHOICE))
                .isEqualTo(new Transition(AUTHENTICATED, LoginAction.HANDLE_MENU_CHOICE));
        assertThat(LoginStateMachine.on(AUTHENTICATED, LoginEvent.START))
                .isEqualTo(new Transition(AUTHENTICATED, LoginAction.ALREADY_LOGGED_IN));
    }

    @Test
    void logoutEndsTheSession() {
        assertThat(LoginStateMachine.on(AUTHENTICATED, LoginEvent.LOGOUT))
                .isEqualTo(new Transition(ANONYMOUS, LoginAction.LOGGED_OUT));
        assertThat(LoginStateMachine.on(AWAITING_CONTACT, LoginEvent.LOGOUT))
                .isEqualTo(new Transition(ANONYMOUS, LoginAction.NOT_LOGGED_IN));
    }

    @Test
    void anIdleSessionAsksToLogInAgainAndARevokedOneEnds() {
        assertThat(LoginStateMachine.on(AUTHENTICATED, LoginEvent.SESSION_EXPIRED))
                .isEqualTo(new Transition(AWAITING_CONTACT, LoginAction.SESSION_EXPIRED));
        assertThat(LoginStateMachine.on(AUTHENTICATED, LoginEvent.ACCESS_REVOKED))
                .isEqualTo(new Transition(ANONYMOUS, LoginAction.ACCESS_REVOKED));
    }

    @ParameterizedTest
    @EnumSource(LoginState.class)
    void helpAndForgetWorkInEveryStateAndForgettingTakesAConfirmation(LoginState state) {
        assertThat(LoginStateMachine.on(state, LoginEvent.HELP))
                .isEqualTo(new Transition(state, LoginAction.SHOW_HELP));
        assertThat(LoginStateMachine.on(state, LoginEvent.FORGET))
                .isEqualTo(new Transition(state, LoginAction.ASK_TO_CONFIRM_FORGET));
        assertThat(LoginStateMachine.on(state, LoginEvent.FORGET_CONFIRMED))
                .isEqualTo(new Transition(ANONYMOUS, LoginAction.FORGET_ME));
        assertThat(LoginStateMachine.on(state, LoginEvent.FORGET_DECLINED))
                .isEqualTo(new Transition(state, LoginAction.KEEP_DATA));
    }

    @ParameterizedTest
    @EnumSource(LoginState.class)
    void everyEventHasATransitionInEveryState(LoginState state) {
        for (LoginEvent event : LoginEvent.values()) {
            assertThat(LoginStateMachine.on(state, event)).as("%s + %s", state, event).isNotNull();
        }
    }

    @Test
    void onlyALoggedInStateIsReachedThroughTheAgent() {
        for (LoginState state : LoginState.values()) {
            for (LoginEvent event : LoginEvent.values()) {
                if (event != LoginEvent.VERIFIED && state != AUTHENTICATED) {
                    assertThat(LoginStateMachine.on(state, event).next()).as("%s + %s", state, event)
                            .isNotEqualTo(AUTHENTICATED);
                }
            }
        }
    }

    @Test
    void statesArePersistedByNameAndUnknownNamesAreNotGuessed() {
        assertThat(LoginState.named("AWAITING_CONTACT")).contains(AWAITING_CONTACT);
        assertThat(LoginState.named("1")).isEmpty();
        assertThat(LoginState.named("TICKET_WIZARD_SUMMARY")).isEmpty();
    }

    @Test
    void updatesAreClassifiedIntoEvents() {
        assertThat(LoginEvent.of(text("/start"))).isEqualTo(LoginEvent.START);
        assertThat(LoginEvent.of(text("/START@itdesk_bot payload"))).isEqualTo(LoginEvent.START);
        assertThat(LoginEvent.of(text("/cancel"))).isEqualTo(LoginEvent.CANCEL);
        assertThat(LoginEvent.of(text("/unknown"))).isEqualTo(LoginEvent.TEXT);
        assertThat(LoginEvent.of(text("hello /start"))).isEqualTo(LoginEvent.TEXT);
        assertThat(LoginEvent.of(text(null))).isEqualTo(LoginEvent.TEXT);
        assertThat(LoginEvent.of(contact(7L, false))).isEqualTo(LoginEvent.OWN_CONTACT);
        assertThat(LoginEvent.of(contact(8L, false))).isEqualTo(LoginEvent.FOREIGN_CONTACT);
        assertThat(LoginEvent.of(contact(null, false))).isEqualTo(LoginEvent.FOREIGN_CONTACT);
        assertThat(LoginEvent.of(contact(7L, true))).isEqualTo(LoginEvent.FOREIGN_CONTACT);
    }

    @Test
    void contactIdsAreComparedAs64BitValues() {
        long big = 8_000_000_000L;
        Incoming own = new Incoming(1, big, big, "uk", "A", null, false,
                new Incoming.SharedContact("380501112233", big), null);
        Incoming lowBitsOnly = new Incoming(1, big, big, "uk", "A", null, false,
                new Incoming.SharedContact("380501112233", (long) (int) big), null);

        assertThat(own.sharesOwnContact()).isTrue();
        assertThat(lowBitsOnly.sharesOwnContact()).isFalse();
    }

    private static Incoming text(String text) {
        return new Incoming(1, 7, 7, "uk", "A", text, false, null, null);
    }

    private static Incoming contact(Long owner, boolean forwarded) {
        return new Incoming(1, 7, 7, "uk", "A", null, forwarded, new Incoming.SharedContact("+380501112233", owner),
                null);
    }
}
