package ua.itdesk.bot.stats;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.contracts.v1.RequestStatistics;

/**
 * The two charts of {@code /stats} as PNG, drawn on the server with JFreeChart in headless AWT (no display is
 * needed or used): requests per day stacked by category, and how long first responses and consultation waits took,
 * in buckets.
 */
final class StatsCharts {

    static final int WIDTH = 1000;
    static final int HEIGHT = 560;
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("dd.MM");

    /** Upper bounds of the response-time buckets; the last bucket is "longer". */
    static final List<Duration> BUCKETS = List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofHours(8), Duration.ofHours(24));

    static {
        // before the first AWT class loads: charts are drawn in memory, never on a screen
        System.setProperty("java.awt.headless", "true");
    }

    private StatsCharts() {
    }

    static byte[] requestsPerDay(StatsPeriod period, RequestStatistics requests, Language language) {
        Map<String, String> names = new HashMap<>();
        requests.categories().forEach(c -> names.put(c.categoryId(), c.name()));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        // every day and every category once, in order, so that empty days show as gaps and colours stay stable
        for (RequestStatistics.CategoryCount c : requests.categories()) {
            for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
                data.addValue(0, c.name(), SHORT_DAY.format(d));
            }
        }
        for (RequestStatistics.DayCount d : requests.perDay()) {
            String category = names.getOrDefault(d.categoryId(), d.categoryId());
            data.addValue(d.count(), category, SHORT_DAY.format(d.day()));
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(StatsText.CHART_REQUESTS.plain(language),
                StatsText.CHART_DAY.plain(language), StatsText.CHART_COUNT.plain(language), data,
                PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        return png(chart);
    }

    static byte[] responseTimes(RequestStatistics requests, List<DmzFigures.Consultation> consultations,
            Language language) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String firstResponse = StatsText.CHART_FIRST_RESPONSE.plain(language);
        String wait = StatsText.CHART_CONSULTATION_WAIT.plain(language);
        List<String> labels = bucketLabels(language);
        labels.forEach(l -> {
            data.addValue(0, firstResponse, l);
            data.addValue(0, wait, l);
        });
        requests.requests().stream().map(RequestStatistics.RequestFact::firstResponseSeconds)
                .filter(Objects::nonNull)
                .forEach(s -> increment(data, firstResponse, labels.get(bucket(Duration.ofSeconds(s)))));
        consultations.stream().map(DmzFigures.Consultation::waitBeforeAccept).filter(Objects::nonNull)
                .forEach(w -> increment(data, wait, labels.get(bucket(w))));
        JFreeChart chart = ChartFactory.createBarChart(StatsText.CHART_TIMES.plain(language),
                StatsText.CHART_WAIT.plain(language), StatsText.CHART_COUNT.plain(language), data,
                PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        return png(chart);
    }

    /** The index of the bucket a time falls in. */
    static int bucket(Duration time) {
        for (int i = 0; i < BUCKETS.size(); i++) {
            if (time.compareTo(BUCKETS.get(i)) <= 0) {
                return i;
            }
        }
        return BUCKETS.size();
    }

    static List<String> bucketLabels(Language language) {
        return List.of("≤ " + StatsSummary.duration(15L * 60, language), "≤ " + StatsSummary.duration(3600L, language),
                "≤ " + StatsSummary.duration(4 * 3600L, language), "≤ " + StatsSummary.duration(8 * 3600L, language),
                "≤ " + StatsSummary.duration(24 * 3600L, language), "> " + StatsSummary.duration(24 * 3600L, language));
    }

    private static void increment(DefaultCategoryDataset data, String series, String column) {
        data.incrementValue(1, series, column);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (plot.getRenderer() instanceof BarRenderer bars) {
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
        }
    }

    private static byte[] png(JFreeChart chart) {
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
