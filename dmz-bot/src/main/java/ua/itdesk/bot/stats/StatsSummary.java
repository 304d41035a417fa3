package ua.itdesk.bot.stats;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import ua.itdesk.bot.conversation.Html;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.contracts.v1.RequestStatistics;

/** The figures of the DMZ and the summary message of {@code /stats}; pure, so that both are tested on their own. */
final class StatsSummary {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("dd.MM");
    /** Days listed one by one in the message; a longer period has them in the chart only. */
    static final int DAYS_LISTED = 31;
    static final int TOP_CATEGORIES = 5;

    private StatsSummary() {
    }

    /**
     * The consultations of a period in figures.
     *
     * @param ratingCounts    index 0 to 4: ratings 1 to 5
     * @param perSpecialist   consultations accepted per specialist employee id
     */
    record Consultations(int count, Long medianWaitSeconds, Long medianDurationSeconds, int abandoned, int ratings,
            Double averageRating, List<Integer> ratingCounts, Map<String, Integer> perSpecialist) {
    }

    static Consultations consultations(List<DmzFigures.Consultation> all) {
        List<Long> waits = all.stream().map(DmzFigures.Consultation::waitBeforeAccept).filter(Objects::nonNull)
                .map(Duration::toSeconds).sorted().toList();
        List<Long> durations = all.stream().map(DmzFigures.Consultation::duration).filter(Objects::nonNull)
                .map(Duration::toSeconds).sorted().toList();
        List<Integer> ratings = all.stream().map(DmzFigures.Consultation::rating).filter(Objects::nonNull).toList();
        List<Integer> counts = new ArrayList<>(Collections.nCopies(5, 0));
        ratings.forEach(r -> counts.set(r - 1, counts.get(r - 1) + 1));
        Map<String, Integer> perSpecialist = all.stream().filter(c -> c.specialistEmployeeId() != null)
                .collect(Collectors.toMap(DmzFigures.Consultation::specialistEmployeeId, c -> 1, Integer::sum,
                        TreeMap::new));
        return new Consultations(all.size(), median(waits), median(durations),
                (int) all.stream().filter(DmzFigures.Consultation::abandonedInQueue).count(), ratings.size(),
                ratings.isEmpty() ? null : ratings.stream().mapToInt(Integer::intValue).average().orElseThrow(),
                counts, perSpecialist);
    }

    /** The middle value, or the mean of the two middle ones rounded down; null for none. */
    static Long median(List<Long> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
    }

    /** The summary message (Telegram HTML, every value escaped). */
    static String text(StatsPeriod period, RequestStatistics requests, Consultations consultations, int deflections,
            Language language) {
        List<String> parts = new ArrayList<>();
        parts.add(StatsText.TITLE.in(language, DAY.format(period.from()), DAY.format(period.to())));
        int percent = requests.created() == 0 ? 0 : Math.round(100f * requests.throughTelegram() / requests.created());
        parts.add(StatsText.CREATED.in(language, requests.created(), requests.throughTelegram(), percent));
        if (requests.truncated()) {
            parts.add(StatsText.TRUNCATED.in(language, requests.created()));
        }
        if (period.days() <= DAYS_LISTED) {
            Map<java.time.LocalDate, Integer> perDay = new TreeMap<>();
            for (java.time.LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
                perDay.put(d, 0);
            }
            requests.perDay().forEach(d -> perDay.merge(d.day(), d.count(), Integer::sum));
            String days = perDay.entrySet().stream()
                    .map(e -> Html.escape(SHORT_DAY.format(e.getKey())) + " " + e.getValue())
                    .collect(Collectors.joining(" · "));
            parts.add(StatsText.PER_DAY.template(language).replace("%s", days));
        } else {
            parts.add(StatsText.PER_DAY_IN_CHART.in(language));
        }
        if (!requests.categories().isEmpty()) {
            String top = requests.categories().stream().limit(TOP_CATEGORIES)
                    .map(c -> StatsText.COUNT_LINE.in(language, c.name(), c.count()))
                    .collect(Collectors.joining("\n"));
            parts.add(StatsText.TOP_CATEGORIES.template(language).replace("%s", top));
        }
        RequestStatistics.ResponseTimes first = requests.firstResponse();
        parts.add(first == null || first.responded() == 0 ? StatsText.FIRST_RESPONSE_NONE.in(language)
                : StatsText.FIRST_RESPONSE.in(language, duration(first.medianSeconds(), language),
                        duration(first.p90Seconds(), language), first.responded(), first.unanswered()));
        parts.add(consultations.count() == 0 ? StatsText.CONSULTATIONS_NONE.in(language)
                : StatsText.CONSULTATIONS.in(language, consultations.count(),
                        duration(consultations.medianWaitSeconds(), language),
                        duration(consultations.medianDurationSeconds(), language), consultations.abandoned()));
        List<Integer> r = consultations.ratingCounts();
        parts.add(consultations.ratings() == 0 ? StatsText.SATISFACTION_NONE.in(language)
                : StatsText.SATISFACTION.in(language, String.format(Locale.ROOT, "%.1f", consultations.averageRating()),
                        consultations.ratings(), r.get(4), r.get(3), r.get(2), r.get(1), r.get(0)));
        String load = load(requests, consultations, language);
        if (!load.isEmpty()) {
            parts.add(StatsText.LOAD.template(language).replace("%s", load));
        }
        parts.add(StatsText.DEFLECTIONS.in(language, deflections));
        parts.add(StatsText.JIRA_CALLS.in(language, requests.jiraCalls()));
        return String.join("\n\n", parts);
    }

    /** One line per specialist with requests or consultations, most active first. */
    private static String load(RequestStatistics requests, Consultations consultations, Language language) {
        Map<String, Integer> left = new TreeMap<>(consultations.perSpecialist());
        List<String> lines = new ArrayList<>();
        requests.specialists().stream()
                .sorted((a, b) -> b.active() != a.active() ? Integer.compare(b.active(), a.active())
                        : String.valueOf(a.name()).compareTo(String.valueOf(b.name())))
                .forEach(s -> {
                    Integer held = s.employeeId() == null ? null : left.remove(s.employeeId());
                    lines.add(StatsText.LOAD_LINE.in(language, s.name(), s.active(), s.resolved(),
                            held == null ? 0 : held));
                });
        // specialists with consultations but no requests assigned: known to the DMZ by employee id only
        left.forEach((employeeId, held) -> lines.add(StatsText.LOAD_LINE.in(language, employeeId, 0, 0, held)));
        return String.join("\n", lines);
    }

    /** "42 min", "3 h 5 min", "2 d 4 h"; "—" for none. */
    static String duration(Long seconds, Language language) {
        if (seconds == null) {
            return "—";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) {
            return StatsText.MINUTES.template(language).formatted(minutes);
        }
        if (minutes < 24 * 60) {
            return StatsText.HOURS.template(language).formatted(minutes / 60, minutes % 60);
        }
        return StatsText.DAYS.template(language).formatted(minutes / (24 * 60), minutes / 60 % 24);
    }
}
