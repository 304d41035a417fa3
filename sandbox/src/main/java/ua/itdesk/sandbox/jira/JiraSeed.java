package ua.itdesk.sandbox.jira;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * What the stand-in starts with: one service desk, its request types and knowledge base, the staff as agents and
 * customers, and about six weeks of history. Everything is fixed or derived from the start instant, so two stand-ins
 * started with the same clock hold the same data.
 */
final class JiraSeed {

    /** The integration's own account, the owner of the configured credential. */
    static final String SERVICE_ACCOUNT = "svc-itdesk";
    static final String SERVICE_ACCOUNT_NAME = "IT desk integration agent";
    static final String SERVICE_ACCOUNT_MAIL = "svc-itdesk@corp.example.com";

    static final List<String> DEFAULT_PRIORITIES = List.of("Highest", "High", "Medium", "Low");

    /**
     * Per specialist: statuses of the open requests assigned to them, how long ago they last resolved one, the
     * spacing of their earlier resolutions and how many they resolved in the last six weeks. Ordered from the least
     * to the most loaded; whatever the weights, the first one wins a least-loaded assignment.
     */
    record Workload(String login, List<JiraData.Status> open, Duration lastResolvedAgo, Duration resolvedEvery,
            int resolved) {
    }

    static final List<Workload> WORKLOADS = List.of(
            new Workload("m.honcharenko", List.of(JiraData.IN_PROGRESS), Duration.ofDays(8), Duration.ofDays(9), 4),
            new Workload("k.marchenko",
                    List.of(JiraData.WAITING_FOR_SUPPORT, JiraData.IN_PROGRESS, JiraData.WAITING_FOR_CUSTOMER),
                    Duration.ofDays(2), Duration.ofHours(132), 8),
            new Workload("v.savchenko",
                    List.of(JiraData.WAITING_FOR_SUPPORT, JiraData.IN_PROGRESS, JiraData.IN_PROGRESS,
                            JiraData.WAITING_FOR_CUSTOMER),
                    Duration.ofDays(1), Duration.ofMinutes(4608), 12),
            new Workload("b.rudenko",
                    List.of(JiraData.WAITING_FOR_SUPPORT, JiraData.WAITING_FOR_SUPPORT, JiraData.WAITING_FOR_SUPPORT,
                            JiraData.IN_PROGRESS, JiraData.IN_PROGRESS, JiraData.WAITING_FOR_CUSTOMER),
                    Duration.ofHours(3), Duration.ofHours(60), 16));

    private record Sample(String requestTypeId, String summary, String description) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("10", "Не вмикається ноутбук", "Після оновлення ноутбук не завантажується, чорний екран."),
            new Sample("11", "Встановити Adobe Acrobat Reader", "Потрібно відкривати PDF-рахунки від постачальників."),
            new Sample("12", "Доступ до спільної папки Бухгалтерія", "Нова співробітниця, потрібен доступ на читання."),
            new Sample("13", "Не працює Wi-Fi у переговорній", "Ноутбуки гостей не бачать мережу Guest."),
            new Sample("14", "Не надходять листи від клієнтів", "З ранку жодного листа ззовні."),
            new Sample("15", "Принтер на 3 поверсі не друкує", "Завдання стоять у черзі, принтер показує помилку."),
            new Sample("16", "Налаштувати проектор у залі", "Завтра о 10:00 презентація для партнерів."),
            new Sample("10", "Потрібна нова миша", "Колесо прокрутки не працює."),
            new Sample("11", "Не запускається 1С", "Помилка ліцензії під час запуску."),
            new Sample("12", "Скинути пароль до CRM", "Забув пароль, обліковий запис заблоковано."),
            new Sample("13", "VPN постійно відключається", "З дому VPN розривається кожні 10 хвилин."),
            new Sample("14", "Переповнена поштова скринька", "Outlook пише, що скринька майже заповнена."),
            new Sample("15", "Замінити картридж", "Принтер у бухгалтерії друкує бліді сторінки."),
            new Sample("16", "Перенести робоче місце", "Переїзд у кабінет 214, два монітори і телефон."),
            new Sample("10", "Мерехтить монітор", "Другий монітор періодично гасне."),
            new Sample("11", "Оновити браузер", "Банк-клієнт вимагає новішу версію Chrome."),
            new Sample("12", "Доступ до VPN для відрядження", "Їду у відрядження на тиждень, потрібен VPN."),
            new Sample("13", "Повільний інтернет у складі", "Сторінки відкриваються по хвилині."),
            new Sample("14", "Налаштувати пошту на телефоні", "Новий телефон, Android."),
            new Sample("15", "Сканер не надсилає на пошту", "Скани не приходять на корпоративну адресу."));

    private JiraSeed() {
    }

    /** A stable, Cloud-looking account id (24 hex digits) for a user name. */
    static String accountIdFor(String login) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("itdesk-sandbox-jira:" + login.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JiraData.Priority> priorities(List<String> names) {
        List<JiraData.Priority> result = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            result.add(new JiraData.Priority(Integer.toString(i + 1), names.get(i)));
        }
        return result;
    }

    static List<JiraData.RequestType> requestTypes() {
        return List.of(
                type("10", "Обладнання / Hardware",
                        "Комп'ютер, ноутбук, монітор, периферія. Computer, laptop, monitor, peripherals.", false),
                type("11", "Програмне забезпечення / Software",
                        "Встановлення, оновлення, ліцензії, помилки програм. Install, update, licences, app errors.",
                        false),
                type("12", "Доступи / Access",
                        "Облікові записи, паролі, права на папки й системи. Accounts, passwords, permissions.", true),
                type("13", "Мережа / Network", "Інтернет, Wi-Fi, VPN. Internet, Wi-Fi, VPN.", false),
                type("14", "Електронна пошта / E-mail",
                        "Пошта, календар, розсилки. Mail, calendar, distribution lists.", false),
                type("15", "Друк / Printing", "Принтери, сканери, картриджі. Printers, scanners, toner.", false),
                type("16", "Інше / Other", "Усе, що не підходить вище. Anything else.", false));
    }

    private static JiraData.RequestType type(String id, String name, String description, boolean descriptionRequired) {
        List<JiraData.Field> fields = List.of(
                new JiraData.Field("summary", "Коротко: що сталося? / Summary", "Одне речення. One sentence.", true,
                        "string", "summary"),
                new JiraData.Field("description", "Опис / Description",
                        descriptionRequired ? "До якої системи і навіщо. Which system and why."
                                : "Подробиці, кроки, повідомлення про помилку. Details, steps, error messages.",
                        descriptionRequired, "string", "description"),
                new JiraData.Field("priority", "Пріоритет / Priority", "", false, "priority", "priority"),
                new JiraData.Field("attachment", "Вкладення / Attachment", "Знімки екрана, файли. Screenshots, files.",
                        false, "array", "attachment"));
        return new JiraData.RequestType(id, name, description, "Опишіть проблему. Describe the problem.", fields);
    }

    static List<JiraData.Article> articles() {
        return List.of(
                new JiraData.Article("32769", "Як скинути пароль / How to reset your password",
                        "Пароль можна змінити самостійно на порталі самообслуговування. Reset it yourself on the portal.",
                        "пароль password reset скинути забув заблоковано locked account обліковий вхід login"),
                new JiraData.Article("32770", "Підключення до VPN / Connecting to the VPN",
                        "Встановіть клієнт VPN і увійдіть корпоративним обліковим записом. Install the client, sign in.",
                        "vpn віддалений remote дому home відключається disconnects підключення"),
                new JiraData.Article("32771", "Принтер не друкує / The printer does not print",
                        "Перевірте папір, чергу друку і перезапустіть принтер. Check paper, queue, restart.",
                        "принтер printer друк друкує print черга queue помилка error"),
                new JiraData.Article("32772", "Пошта на телефоні / E-mail on your phone",
                        "Додайте обліковий запис Exchange у програмі Outlook. Add the Exchange account in Outlook.",
                        "пошта mail email телефон phone android iphone outlook смартфон"),
                new JiraData.Article("32773", "Wi-Fi в офісі / Office Wi-Fi",
                        "Мережа Corp для працівників, Guest для гостей, пароль на ресепшені. Corp for staff, Guest for visitors.",
                        "wifi wi-fi мережа network бездротова wireless гості guest інтернет internet"),
                new JiraData.Article("32774", "Встановлення програм / Installing software",
                        "Дозволені програми встановлюються з Центру програм. Approved apps come from the Software Center.",
                        "програма програми software встановити install ліцензія licence оновити update"),
                new JiraData.Article("32775", "Ноутбук повільно працює / A slow laptop",
                        "Перезавантажте, закрийте зайві вкладки, перевірте оновлення. Restart, close tabs, update.",
                        "ноутбук laptop повільно slow гальмує зависає freezes комп'ютер computer"),
                new JiraData.Article("32776", "Монітор не вмикається / The monitor stays dark",
                        "Перевірте живлення і кабель, спробуйте інший порт. Check power and cable, try another port.",
                        "монітор monitor екран screen мерехтить flicker чорний black кабель cable"),
                new JiraData.Article("32777", "Доступ до спільної папки / Access to a shared folder",
                        "Доступ погоджує керівник підрозділу, подайте запит типу Доступи. Your manager approves it.",
                        "доступ access папка folder спільна shared права permissions диск drive"),
                new JiraData.Article("32778", "Поштова скринька переповнена / Mailbox full",
                        "Видаліть великі вкладення або увімкніть архів. Delete large attachments or turn on the archive.",
                        "скринька mailbox переповнена full пошта mail архів archive outlook"),
                new JiraData.Article("32779", "Сканування документів / Scanning documents",
                        "Скани надходять на пошту з адреси scanner@. Scans arrive from scanner@.",
                        "сканер scanner сканування scan документи documents пошта mail"),
                new JiraData.Article("32780", "Оновлення Windows / Windows updates",
                        "Оновлення встановлюються вночі, залиште комп'ютер увімкненим. Leave the computer on overnight.",
                        "windows оновлення update перезавантаження restart комп'ютер computer"));
    }

    /** Agents (specialists, supervisors, the service account) and every seeded person as a customer. */
    static void users(JiraData data, String serviceAccountMail) {
        data.addUser(new JiraData.User(SERVICE_ACCOUNT, accountIdFor(SERVICE_ACCOUNT), SERVICE_ACCOUNT_NAME,
                serviceAccountMail, true, true));
        for (SeedPerson p : SeedPeople.all()) {
            boolean agent = p.role().equals("specialist") || p.role().equals("supervisor");
            data.addUser(new JiraData.User(p.login().toLowerCase(Locale.ROOT), accountIdFor(p.login()), p.fullName(),
                    p.mail(), !p.disabled(), agent));
        }
    }

    private record Planned(Instant created, Sample sample, String assignee, JiraData.Status finalStatus,
            Instant finishedAt) {
    }

    /** About six weeks of requests before {@code now}, silently (no webhooks). */
    static void history(JiraData data, Instant now) {
        List<String> reporters = seededEmployees();
        List<Planned> plan = new ArrayList<>();
        int n = 0;
        for (Workload w : WORKLOADS) {
            for (int i = 0; i < w.resolved(); i++) {
                Instant resolvedAt = now.minus(w.lastResolvedAgo()).minus(w.resolvedEvery().multipliedBy(i));
                Instant created = resolvedAt.minus(Duration.ofMinutes(90 + (n * 337L) % 2400));
                JiraData.Status status = Duration.between(resolvedAt, now).toDays() > 14 ? JiraData.CLOSED
                        : JiraData.RESOLVED;
                plan.add(new Planned(created, SAMPLES.get(n % SAMPLES.size()), w.login(), status, resolvedAt));
                n++;
            }
            for (int i = 0; i < w.open().size(); i++) {
                Instant created = now.minus(Duration.ofMinutes(150 + (n * 613L) % 7000));
                plan.add(new Planned(created, SAMPLES.get(n % SAMPLES.size()), w.login(), w.open().get(i),
                        created.plus(Duration.ofMinutes(40))));
                n++;
            }
        }
        plan.add(new Planned(now.minus(Duration.ofMinutes(75)), SAMPLES.get(5), null, JiraData.WAITING_FOR_SUPPORT,
                null));
        plan.add(new Planned(now.minus(Duration.ofMinutes(20)), SAMPLES.get(13), null, JiraData.WAITING_FOR_SUPPORT,
                null));
        plan.add(new Planned(now.minus(Duration.ofDays(10)), SAMPLES.get(15), null, JiraData.CANCELED,
                now.minus(Duration.ofDays(9))));
        plan.sort(Comparator.comparing(Planned::created));

        List<JiraData.Priority> priorities = data.priorities;
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            String reporter = reporters.get((i * 7) % reporters.size());
            JiraData.Priority priority = priorities.get(Math.min(priorities.size() - 1, 1 + (i * 5) % 3));
            JiraData.Issue issue = data.create(p.sample().requestTypeId(), p.sample().summary(),
                    p.sample().description(), reporter, SERVICE_ACCOUNT, priority, p.created(), true);
            if (p.assignee() != null) {
                data.assign(issue, p.assignee(), SERVICE_ACCOUNT, p.created().plusSeconds(60), true);
            }
            if (p.finalStatus().equals(JiraData.WAITING_FOR_SUPPORT)) {
                continue;
            }
            String actor = p.assignee() == null ? reporter : p.assignee();
            if (p.finalStatus().category() == JiraData.Category.DONE) {
                if (p.assignee() != null) {
                    data.transition(issue, JiraData.IN_PROGRESS, actor, p.created().plus(Duration.ofMinutes(10)),
                            true);
                    data.comment(issue, actor, "Виконано, перевірте, будь ласка. Done, please check.", true,
                            p.finishedAt().minusSeconds(120), true);
                }
                data.transition(issue, p.finalStatus().equals(JiraData.CANCELED) ? JiraData.CANCELED
                        : JiraData.RESOLVED, actor, p.finishedAt(), true);
                if (p.finalStatus().equals(JiraData.CLOSED)) {
                    // closing keeps the resolution date of the resolve transition
                    Instant resolvedAt = issue.resolved;
                    data.transition(issue, JiraData.CLOSED, actor, p.finishedAt().plus(Duration.ofDays(3)), true);
                    issue.resolved = resolvedAt;
                }
            } else {
                data.transition(issue, JiraData.IN_PROGRESS, actor, p.finishedAt(), true);
                if (p.finalStatus().equals(JiraData.WAITING_FOR_CUSTOMER)) {
                    data.comment(issue, actor, "Уточніть, будь ласка, номер кабінету. Which room is it?", true,
                            p.finishedAt().plusSeconds(300), true);
                    data.transition(issue, JiraData.WAITING_FOR_CUSTOMER, actor, p.finishedAt().plusSeconds(301),
                            true);
                }
            }
        }
    }

    /** Logins of the written seed's employees who can log in, in seed order; the generated crowd is not among them. */
    private static List<String> seededEmployees() {
        return SeedPeople.all().stream().filter(p -> !SeedPeople.inCrowd(p))
                .filter(p -> p.role().equals("employee") && p.canLogIn()).map(SeedPerson::login).toList();
    }

    /**
     * One open request, waiting for support and assigned to nobody, of each generated employee
     * ({@link SeedPeople#inCrowd}), filed in the last hours; added after {@link #history}, which they do not change.
     */
    static void crowd(JiraData data, Instant now) {
        List<SeedPerson> crowd = SeedPeople.all().stream().filter(SeedPeople::inCrowd).toList();
        for (int i = 0; i < crowd.size(); i++) {
            Sample sample = SAMPLES.get(i % SAMPLES.size());
            data.create(sample.requestTypeId(), sample.summary(), sample.description(), crowd.get(i).login(),
                    SERVICE_ACCOUNT, data.priorities.get(Math.min(data.priorities.size() - 1, 2)),
                    now.minus(Duration.ofMinutes(5L * (crowd.size() - i))), true);
        }
    }

    /** Fixed, so that two stand-ins with the same clock and size hold the same past. */
    private static final long PAST_SEED = 20_260_101L;
    /** Days before today that the past of {@link #pastRequests} reaches back to, and the most recent of them. */
    private static final int PAST_OLDEST_DAY = 42;
    private static final int PAST_NEWEST_DAY = 10;
    /** Every this many past requests one is cancelled by its reporter before anyone took it. */
    private static final int CANCELLED_EVERY = 12;
    /** How often a past request came through Telegram (created by the integration's account), in percent. */
    private static final int TELEGRAM_PERCENT = 60;

    /**
     * {@code count} finished requests of the past weeks, for statistics (M1), added before {@link #history} so that
     * their keys come first, silently. Each has a category, priority, reporter, creator (the integration's account
     * for those raised through Telegram, as the agent raises them on the employee's behalf; the reporter for the
     * portal), the assignment, a first comment of the specialist, and its resolution (closed after 14 days).
     *
     * <p>They must not move the seeded workloads of {@link #WORKLOADS}, which tests of assignment rely on: every
     * request assigned is done, resolved before anyone's last resolution of {@link #history}, and they come in
     * rounds of one per specialist resolved at the same instant, late in the morning UTC, so any "resolved since
     * midnight" cut-off counts the same number for everyone (the min-max scaled score does not change). Those
     * cancelled before assignment have no assignee and may be recent.
     */
    static void pastRequests(JiraData data, Instant now, int count) {
        if (count <= 0) {
            return;
        }
        Random random = new Random(PAST_SEED);
        List<String> employees = seededEmployees();
        // the first half only: end-to-end scenarios take their employees from the end of the seed
        List<String> reporters = employees.subList(0, Math.max(1, employees.size() / 2));
        List<String> specialists = WORKLOADS.stream().map(Workload::login).toList();
        int cancelled = count / CANCELLED_EVERY;
        int rounds = (count - cancelled) / specialists.size();
        cancelled = count - rounds * specialists.size();
        Instant today = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        List<Past> plan = new ArrayList<>(count);
        for (int r = 0; r < rounds; r++) {
            int daysAgo = PAST_NEWEST_DAY + (int) ((long) r * (PAST_OLDEST_DAY - PAST_NEWEST_DAY) / Math.max(1, rounds));
            Instant resolvedAt = today.minus(Duration.ofDays(daysAgo)).plus(Duration.ofHours(10))
                    .plus(Duration.ofMinutes(2 + r % 12));
            for (String specialist : specialists) {
                Duration open = Duration.ofMinutes(60 + random.nextInt(72 * 60));
                Instant created = resolvedAt.minus(open);
                long firstWithin = Math.max(3, Math.min(open.toMinutes() / 2, 8 * 60));
                Duration firstResponse = Duration.ofMinutes(3 + random.nextInt((int) firstWithin));
                plan.add(new Past(created, pick(random), reporters.get(random.nextInt(reporters.size())),
                        random.nextInt(100) < TELEGRAM_PERCENT, specialist, firstResponse, resolvedAt,
                        random.nextInt(3)));
            }
        }
        for (int c = 0; c < cancelled; c++) {
            Instant created = today.minus(Duration.ofDays(1 + random.nextInt(PAST_OLDEST_DAY)))
                    .plus(Duration.ofMinutes(7 * 60 + random.nextInt(10 * 60)));
            plan.add(new Past(created, pick(random), reporters.get(random.nextInt(reporters.size())),
                    random.nextInt(100) < TELEGRAM_PERCENT, null, null,
                    created.plus(Duration.ofMinutes(5 + random.nextInt(120))), random.nextInt(3)));
        }
        plan.sort(Comparator.comparing(Past::created));
        Instant closeBefore = now.minus(Duration.ofDays(14));
        for (Past p : plan) {
            JiraData.Priority priority = data.priorities.get(
                    Math.min(data.priorities.size() - 1, 1 + p.priorityIndex()));
            JiraData.Issue issue = data.create(p.sample().requestTypeId(), p.sample().summary(),
                    p.sample().description(), p.reporter(), p.throughTelegram() ? SERVICE_ACCOUNT : p.reporter(),
                    priority, p.created(), true);
            if (p.assignee() == null) {
                data.transition(issue, JiraData.CANCELED, p.reporter(), p.resolvedAt(), true);
                continue;
            }
            data.assign(issue, p.assignee(), SERVICE_ACCOUNT, p.created().plusSeconds(40), true);
            Instant firstResponse = p.created().plus(p.firstResponse());
            data.comment(issue, p.assignee(), "Беру в роботу. On it.", true, firstResponse, true);
            data.transition(issue, JiraData.IN_PROGRESS, p.assignee(), firstResponse.plusSeconds(30), true);
            data.transition(issue, JiraData.RESOLVED, p.assignee(), p.resolvedAt(), true);
            if (p.resolvedAt().isBefore(closeBefore)) {
                data.transition(issue, JiraData.CLOSED, p.assignee(), p.resolvedAt().plus(Duration.ofDays(3)), true);
            }
        }
    }

    /** A sample with a skew: hardware, access and printing come up most often, so a chart has a shape. */
    private static Sample pick(Random random) {
        int[] weights = {5, 3, 4, 2, 2, 4, 1};
        int total = java.util.Arrays.stream(weights).sum();
        int x = random.nextInt(total);
        String typeId = null;
        for (int t = 0; t < weights.length; t++) {
            x -= weights[t];
            if (x < 0) {
                typeId = Integer.toString(10 + t);
                break;
            }
        }
        String wanted = typeId;
        List<Sample> ofType = SAMPLES.stream().filter(s -> s.requestTypeId().equals(wanted)).toList();
        return ofType.get(random.nextInt(ofType.size()));
    }

    private record Past(Instant created, Sample sample, String reporter, boolean throughTelegram, String assignee,
            Duration firstResponse, Instant resolvedAt, int priorityIndex) {
    }
}
