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
        List<String> reporters = SeedPeople.all().stream()
                .filter(p -> p.role().equals("employee") && p.canLogIn()).map(SeedPerson::login).toList();
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
}
