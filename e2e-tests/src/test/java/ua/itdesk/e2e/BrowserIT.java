package ua.itdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import ua.itdesk.sandbox.launcher.Sandbox;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;
import ua.itdesk.sandbox.telegram.SentMessage;

/**
 * Issue 5: the sandbox in a browser. People use only the pages, in headless Chromium: the chat page of the
 * Telegram stand-in and the requests page of the Jira stand-in. English-speaking employees, whom the other
 * scenarios leave alone, so that their requests and chats do not mix with those of the other scenarios. A screenshot
 * of every page goes to {@code target/screenshots}.
 */
@ExtendWith({Browsers.class, RunningSystem.class})
class BrowserIT {

    private static final Pattern KEY = Pattern.compile("ITS-\\d+");

    @Test
    void anEmployeeFilesARequestAndTalksWithASpecialistOnlineAllThroughTheChatPage(Sandbox sandbox,
            Browsers browsers) throws Exception {
        SeedPerson employee = englishEmployee(0);
        SeedPerson specialist = SeedPeople.withRole("specialist").stream().filter(SeedPerson::canLogIn)
                .min(Comparator.comparing(SeedPerson::login)).orElseThrow();

        ChatPage e = ChatPage.open(browsers.open(), sandbox.chatPageUrl(), employee);
        ChatPage.Message menu = e.logIn();
        String key = fileRequest(e, menu, "Printing", "The printer on floor 3 prints blank pages",
                Files.write(Files.createTempFile("screen", ".png"), png()));

        ChatPage s = ChatPage.open(browsers.open(), sandbox.chatPageUrl(), specialist);
        goOnline(s);

        e.type("/menu");
        ChatPage.Message list = e.tapAndWait(e.next(m -> m.hasButton("My requests")), "My requests");
        ChatPage.Message detail = e.tapAndWait(list, key);
        assertThat(detail.text()).contains(key);
        e.tap(detail, "Contact a specialist online");

        // the agent ranks the specialists online (other scenarios may have left some online): whoever has the offer
        // accepts it in the second window
        SeedPerson offered = awaitOffer(sandbox, key);
        if (offered.telegramUserId() != specialist.telegramUserId()) {
            s = ChatPage.open(s.driver(), sandbox.chatPageUrl(), offered);
        }
        ChatPage.Message offer = s.any(m -> m.text().contains(key) && m.hasButton("✅"), "the offer of " + key);
        s.tap(offer, "✅");
        e.next(m -> m.text().contains(key) && m.text().startsWith("👋"));

        e.type("Hello, the printer prints blank pages");
        s.nextContaining("Hello, the printer prints blank pages");
        s.type("Добрий день! Замініть, будь ласка, картридж.");
        e.nextContaining("Замініть, будь ласка, картридж");
        s.screenshot("chat-specialist");
        e.screenshot("chat-employee");

        e.type("/end");
        ChatPage.Message rating = e.next(m -> m.text().contains("Rate it from 1 to 5"));
        e.tap(rating, "5");
        e.any(m -> m.text().contains("5/5"), "the thanks for the rating (an edit of the question)");
        e.screenshot("chat-employee-rated");
        // both people side by side in one page, as the README shows it
        WebDriver both = browsers.open();
        both.get(sandbox.chatPageUrl() + "?as=" + employee.telegramUserId() + "," + offered.telegramUserId());
        new WebDriverWait(both, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector(".live.on")).size() == 2
                && d.findElements(By.cssSelector(".msg")).size() > 4);
        Browsers.screenshot(both, "chat-page");
    }

    @Test
    void theJiraPageShowsTheRequestAndItsStatusChangeAndCommentReachTheEmployeesChatPage(Sandbox sandbox,
            Browsers browsers) throws Exception {
        SeedPerson employee = englishEmployee(1);
        ChatPage e = ChatPage.open(browsers.open(), sandbox.chatPageUrl(), employee);
        String summary = "VPN drops every ten minutes";
        String key = fileRequest(e, e.logIn(), "Network", summary, null);

        WebDriver jira = browsers.open();
        jira.get(sandbox.jiraPageUrl() + "?key=" + key);
        // the page redraws every two seconds: elements found a moment ago may be gone
        WebDriverWait wait = new WebDriverWait(jira, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> d.findElements(By.cssSelector("tr[data-key='" + key + "']")).size() == 1);
        wait.until(d -> d.findElement(By.cssSelector("tr[data-key='" + key + "']")).getText().contains(summary));
        wait.until(d -> d.findElement(By.id("detail")).getText().contains(summary));

        SeedPerson specialist = SeedPeople.withRole("specialist").stream().filter(SeedPerson::canLogIn).findFirst()
                .orElseThrow();
        new Select(jira.findElement(By.id("as"))).selectByValue(specialist.login());
        wait.until(d -> {
            d.findElement(By.cssSelector(".status-btn[data-status='Waiting for customer']")).click();
            return true;
        });
        wait.until(d -> d.findElement(By.cssSelector("#detail .status")).getText().equalsIgnoreCase(
                "Waiting for customer"));
        e.next(m -> m.text().contains(key) && m.text().contains("Waiting for customer"));

        jira.findElement(By.id("comment-text")).sendKeys("Please restart the VPN client and tell us if it helps.");
        jira.findElement(By.id("comment-send")).click();
        wait.until(d -> d.findElement(By.cssSelector("#detail .comments")).getText()
                .contains("Please restart the VPN client"));
        e.nextContaining("Please restart the VPN client");
        Browsers.screenshot(jira, "jira-page");
        e.screenshot("chat-employee-notified");
    }

    /** Issue 8: a supervisor's statistics in the chat page, with both charts and the CSV, as the README shows them. */
    @Test
    void aSupervisorSeesTheStatisticsAndTheirChartsInTheChatPage(Sandbox sandbox, Browsers browsers) {
        SeedPerson supervisor = SeedPeople.withRole("supervisor").stream().filter(SeedPerson::canLogIn).findFirst()
                .orElseThrow();
        ChatPage p = ChatPage.open(browsers.open(), sandbox.chatPageUrl(), supervisor);
        p.logIn();
        p.type("/stats");
        p.tap(p.next(m -> m.buttons().stream().anyMatch(b -> b.startsWith("30"))), "30");
        // the summary names the Jira calls it took, in either language
        ChatPage.Message summary = p.next(m -> m.text().contains("Jira"));
        p.any(m -> m.text().contains("README"), "the CSV's caption");
        await().atMost(Duration.ofSeconds(20)).until(() -> p.photosShown() >= 2);
        // tall enough for the summary and the first chart under it in one picture
        p.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1900));
        p.scrollTo(summary);
        Browsers.screenshot(p.driver(), "chat-supervisor-stats");
    }

    /** Walks the new-request wizard from the menu and returns the new request's key. */
    private static String fileRequest(ChatPage c, ChatPage.Message menu, String category, String summary, Path photo) {
        ChatPage.Message categories = c.tapAndWait(menu, "New request");
        ChatPage.Message priorities = c.tapAndWait(categories, category);
        c.tapAndWait(priorities, "Low");
        c.type(summary);
        ChatPage.Message last = c.tapAndWait(c.next(m -> m.hasButton("Skip")), "Skip");
        if (photo != null) {
            c.attach(photo);
            last = c.nextContaining("Added");
        }
        ChatPage.Message next = c.tapAndWait(last, "Done");
        if (next.hasButton("Continue with the request")) {
            next = c.tapAndWait(next, "Continue with the request");
        }
        assertThat(next.text()).contains(summary);
        ChatPage.Message created = c.tapAndWait(next, "Confirm");
        if (!created.text().contains("was created")) {
            created = c.nextContaining("was created");
        }
        Matcher m = KEY.matcher(created.text());
        assertThat(m.find()).as(created.text()).isTrue();
        return m.group();
    }

    private static void goOnline(ChatPage s) {
        ChatPage.Message menu = s.logIn();
        Optional<String> offline = menu.buttons().stream().filter(b -> b.startsWith("🔴")).findFirst();
        if (offline.isPresent()) {
            assertThat(s.tapAndWait(menu, offline.get()).text()).startsWith("🟢");
        }
    }

    private static SeedPerson awaitOffer(Sandbox sandbox, String key) {
        SeedPerson[] found = new SeedPerson[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (SeedPerson p : SeedPeople.withRole("specialist")) {
                for (SentMessage m : sandbox.telegram().messagesTo(p.telegramUserId())) {
                    if (m.plainText().contains(key) && m.buttonTexts().stream().anyMatch(t -> t.startsWith("✅"))) {
                        found[0] = p;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    private static SeedPerson englishEmployee(int n) {
        return SeedPeople.withRole("employee").stream().filter(SeedPerson::canLogIn)
                .filter(p -> "en".equals(p.languageCode())).skip(n).findFirst().orElseThrow();
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
