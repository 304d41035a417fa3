package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.testing.BotTestResources;
import ua.itdesk.bot.testing.Rows;

/**
 * The V5 tables on the real PostgreSQL engine: what the database itself refuses when several bot instances act on
 * one consultation at once (R4), raced with real threads on separate connections.
 */
@QuarkusTest
@WithTestResource(BotTestResources.class)
class ConsultationSchemaTests {

    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    DataSource db;

    @Inject
    FieldCipher cipher;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** A logged-in person, sealed like real ones so that jobs reading every user (re-encryption) still work. */
    private long person() {
        long id = 7_700_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
        byte[] hmac = new byte[32];
        ThreadLocalRandom.current().nextBytes(hmac);
        Rows.update(db, "INSERT INTO users_telegram (telegram_user_id, phone_ciphertext, phone_hmac, employee_id, "
                + "full_name_ciphertext, role, language, last_login_at) VALUES (?, ?, ?, ?, ?, 'EMPLOYEE', 'uk', "
                + "now())", id, cipher.encrypt("+380501112233", "users_telegram.phone:" + id), hmac, "E" + id,
                cipher.encrypt("Test Person", "users_telegram.full_name:" + id));
        return id;
    }

    private long consultation(long employee, String status) {
        boolean closed = ConsultationState.named(status).orElseThrow().isFinal();
        return (Long) Rows.query(db, "INSERT INTO consultation_requests (ticket_key, employee_telegram_user_id, "
                + "employee_id, priority, status, enqueued_at, updated_at, closed_at) VALUES ('ITD-1', ?, ?, 'HIGH', "
                + "?, now(), now(), " + (closed ? "now()" : "NULL") + ") RETURNING id", employee, "E" + employee,
                status).get(0).get("id");
    }

    private int offer(long consultation, long specialist) {
        return Rows.update(db, "INSERT INTO consultation_offers (consultation_id, specialist_employee_id, "
                + "specialist_telegram_user_id, sent_at, expires_at) VALUES (?, ?, ?, now(), now() + interval '60 "
                + "seconds')", consultation, "S" + specialist, specialist);
    }

    private int chat(long consultation, long employee, long specialist, int slot) {
        return Rows.update(db, "INSERT INTO chat_sessions (ticket_key, employee_telegram_user_id, "
                + "specialist_telegram_user_id, status, started_at, last_message_at, consultation_id, specialist_slot) "
                + "VALUES ('ITD-1', ?, ?, 'ACTIVE', now(), now(), ?, ?)", employee, specialist, consultation, slot);
    }

    /** Runs the attempts at once, each on its own connection; a unique violation counts as a lost race (0). */
    private List<Integer> race(List<IntSupplier> attempts) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (IntSupplier attempt : attempts) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return attempt.getAsInt();
                } catch (IllegalStateException e) {
                    if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                        return 0;
                    }
                    throw e;
                }
            }));
        }
        start.countDown();
        List<Integer> counts = new ArrayList<>();
        for (Future<Integer> f : results) {
            counts.add(f.get(30, TimeUnit.SECONDS));
        }
        return counts;
    }

    @Test
    void anEmployeePressingTwiceOnTwoInstancesGetsOneOpenConsultationAndMayAskAgainOnceItIsOver() throws Exception {
        long employee = person();
        IntSupplier request = () -> {
            consultation(employee, "QUEUED");
            return 1;
        };

        assertThat(race(List.of(request, request))).containsExactlyInAnyOrder(0, 1);
        assertThatThrownBy(() -> consultation(employee, "OFFERED"))
                .hasMessageContaining("ux_consultation_requests_open_employee");
        Rows.update(db, "UPDATE consultation_requests SET status = 'CANCELLED', closed_at = now() "
                + "WHERE employee_telegram_user_id = ?", employee);

        consultation(employee, "QUEUED");
        assertThat(Rows.query(db, "SELECT status FROM consultation_requests WHERE employee_telegram_user_id = ? "
                + "ORDER BY id", employee)).extracting(r -> r.get("status")).containsExactly("CANCELLED", "QUEUED");
    }

    @Test
    void twoInstancesAcceptingTheSameOfferAtOnceGetExactlyOneWinner() throws Exception {
        long consultation = consultation(person(), "OFFERED");
        long specialist = person();
        offer(consultation, specialist);
        // one statement: the loser waits for the winner's row lock, then finds the offer no longer PENDING
        IntSupplier accept = () -> Rows.update(db, "WITH won AS (UPDATE consultation_offers SET outcome = 'ACCEPTED', "
                + "answered_at = now() WHERE consultation_id = ? AND outcome = 'PENDING' RETURNING consultation_id) "
                + "UPDATE consultation_requests r SET status = 'ACTIVE', version = r.version + 1 FROM won "
                + "WHERE r.id = won.consultation_id AND r.status = 'OFFERED'", consultation);

        List<Integer> outcomes = race(List.of(accept, accept, accept, accept));

        assertThat(outcomes).containsOnly(0, 1).containsOnlyOnce(1);
        assertThat(Rows.query(db, "SELECT version FROM consultation_requests WHERE id = ?", consultation).get(0)
                .get("version")).isEqualTo(1);
    }

    @Test
    void aConsultationIsNeverOfferedToTwoSpecialistsAtOnce() throws Exception {
        long consultation = consultation(person(), "QUEUED");
        long anna = person();
        long bohdan = person();

        assertThat(race(List.of(() -> offer(consultation, anna), () -> offer(consultation, bohdan))))
                .containsExactlyInAnyOrder(0, 1);

        Rows.update(db, "UPDATE consultation_offers SET outcome = 'DECLINED', answered_at = now() "
                + "WHERE consultation_id = ?", consultation);
        assertThat(offer(consultation, anna + bohdan)).isEqualTo(1);
    }

    @Test
    void aSpecialistHoldsOneOpenOfferAtATime() throws Exception {
        long specialist = person();
        long first = consultation(person(), "QUEUED");
        long second = consultation(person(), "QUEUED");

        assertThat(race(List.of(() -> offer(first, specialist), () -> offer(second, specialist))))
                .containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void aSpecialistNeverHoldsTwoChatsInOneSlotSoTheLimitHoldsAcrossInstances() throws Exception {
        long specialist = person();
        long olena = person();
        long petro = person();
        long iryna = person();
        long a = consultation(olena, "ACTIVE");
        long b = consultation(petro, "ACTIVE");
        long c = consultation(iryna, "ACTIVE");

        // limit 1: two accepts racing for slot 0, one chat opens
        assertThat(race(List.of(() -> chat(a, olena, specialist, 0), () -> chat(b, petro, specialist, 0))))
                .containsExactlyInAnyOrder(0, 1);
        // a limit of 2 hands out slot 1 as well
        assertThat(chat(c, iryna, specialist, 1)).isEqualTo(1);
    }

    @Test
    void anEmployeeChatsInOneSessionAtATime() {
        long employee = person();
        long first = consultation(employee, "ACTIVE");
        chat(first, employee, person(), 0);
        Rows.update(db, "UPDATE consultation_requests SET status = 'CANCELLED', closed_at = now() WHERE id = ?", first);
        long second = consultation(employee, "ACTIVE");

        assertThatThrownBy(() -> chat(second, employee, person(), 0)).hasMessageContaining(
                "ux_chat_sessions_active_employee");
    }

    @Test
    void forgettingAnEmployeeRemovesTheirQueueEntryAndOffersButKeepsTheChatForSyncing() {
        long employee = person();
        long consultation = consultation(employee, "ACTIVE");
        long specialist = person();
        offer(consultation, specialist);
        chat(consultation, employee, specialist, 0);

        Rows.update(db, "DELETE FROM users_telegram WHERE telegram_user_id = ?", employee);

        assertThat(Rows.query(db, "SELECT 1 FROM consultation_requests WHERE id = ?", consultation)).isEmpty();
        assertThat(Rows.query(db, "SELECT 1 FROM consultation_offers WHERE consultation_id = ?", consultation))
                .isEmpty();
        assertThat(Rows.query(db, "SELECT consultation_id FROM chat_sessions WHERE employee_telegram_user_id = ?",
                employee)).singleElement().satisfies(r -> assertThat(r.get("consultation_id")).isNull());
    }

    @Test
    void anUnknownStatusAFinalStateWithoutItsCloseOrAnOfferWithoutADeadlineIsRefused() {
        long employee = person();
        String insert = "INSERT INTO consultation_requests (ticket_key, employee_telegram_user_id, employee_id, "
                + "status, enqueued_at, updated_at) VALUES ('ITD-1', ?, 'E', ?, now(), now())";

        assertThatThrownBy(() -> Rows.update(db, insert, employee, "WAITING"))
                .hasMessageContaining("ck_consultation_requests_status");
        assertThatThrownBy(() -> Rows.update(db, insert, employee, "RATED"))
                .hasMessageContaining("ck_consultation_requests_closed");
        long consultation = consultation(employee, "QUEUED");
        assertThatThrownBy(() -> Rows.update(db, "INSERT INTO consultation_offers (consultation_id, "
                + "specialist_employee_id, specialist_telegram_user_id, sent_at, expires_at) VALUES (?, 'S', 1, now(), "
                + "now())", consultation)).hasMessageContaining("ck_consultation_offers_deadline");
    }
}
