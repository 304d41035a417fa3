package ua.itdesk.sandbox.jira;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small full-text search over the seeded articles, tolerant of Ukrainian inflection: a query word matches an
 * article word when one starts with the other's stem (the word less its last two letters, at least four kept), so
 * "принтера" finds "принтер". Results are ordered by the number of matching query words.
 */
final class KnowledgeBase {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}'ʼ-]+");
    private static final Set<String> STOP = Set.of("the", "and", "not", "for", "with", "does", "my", "how", "can",
            "мій", "моя", "моє", "мої", "не", "та", "як", "що", "для", "або", "при", "мене", "мені", "вже");

    record Hit(JiraData.Article article, int score) {
    }

    private KnowledgeBase() {
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group().replaceAll("['ʼ-]", "");
            if (w.length() >= 3 && !STOP.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    static boolean matches(String queryWord, String articleWord) {
        return articleWord.startsWith(stem(queryWord)) || queryWord.startsWith(stem(articleWord));
    }

    private static String stem(String w) {
        return w.length() <= 4 ? w : w.substring(0, Math.max(4, w.length() - 2));
    }

    static List<Hit> search(List<JiraData.Article> articles, List<String> queryWords) {
        List<Hit> hits = new ArrayList<>();
        for (JiraData.Article a : articles) {
            List<String> text = words(a.title() + " " + a.excerpt() + " " + a.keywords());
            int score = (int) queryWords.stream().distinct()
                    .filter(q -> text.stream().anyMatch(w -> matches(q, w))).count();
            if (score > 0) {
                hits.add(new Hit(a, score));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::score).reversed().thenComparing(h -> h.article().pageId()));
        return hits;
    }

    /** JSM's highlight markup around matching words: {@code @@@hl@@@word@@@endhl@@@}. */
    static String highlight(String text, List<String> queryWords) {
        Matcher m = WORD.matcher(text);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT).replaceAll("['ʼ-]", "");
            b.append(text, last, m.start());
            if (w.length() >= 3 && queryWords.stream().anyMatch(q -> matches(q, w))) {
                b.append("@@@hl@@@").append(m.group()).append("@@@endhl@@@");
            } else {
                b.append(m.group());
            }
            last = m.end();
        }
        return b.append(text.substring(last)).toString();
    }
}
