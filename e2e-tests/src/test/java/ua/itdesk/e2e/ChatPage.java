package ua.itdesk.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * One person's Telegram, through the sandbox's chat page only: what they read is what the page shows, what they do
 * is a click or a keystroke. Like {@link Conversation}, it waits only for bot messages newer than the last one seen.
 */
final class ChatPage {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    /** A bot message as the page showed it when it was found: its id and its visible text with its buttons. */
    record Message(long id, String text, List<String> buttons) {
        boolean hasButton(String label) {
            return buttons.stream().anyMatch(b -> b.contains(label));
        }
    }

    private final WebDriver driver;
    private final SeedPerson person;
    private long lastSeen;

    private ChatPage(WebDriver driver, SeedPerson person) {
        this.driver = driver;
        this.person = person;
    }

    /** Opens the chat page as the person ({@code ?as=<id>}) and waits until its live stream is connected. */
    static ChatPage open(WebDriver driver, URI chatPage, SeedPerson person) {
        driver.get(chatPage + "?as=" + person.telegramUserId());
        ChatPage page = new ChatPage(driver, person);
        page.waitUntil(d -> !d.findElements(By.cssSelector(".pane .live.on")).isEmpty(), "the live stream");
        page.lastSeen = page.newestBotMessageId();
        return page;
    }

    WebDriver driver() {
        return driver;
    }

    /** Logs in with the share-my-number button; logs out first when the person is still logged in. */
    Message logIn() {
        type("/start");
        next(m -> true);
        if (contactButton() == null) {
            type("/logout");
            type("/start");
            waitUntil(d -> contactButton() != null, "the share-my-number button");
        }
        lastSeen = newestBotMessageId();
        contactButton().click();
        return next(m -> !m.buttons().isEmpty());
    }

    /** Types a message and sends it with Enter. */
    void type(String text) {
        WebElement input = driver.findElement(By.cssSelector(".composer .input"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        waitUntil(d -> input.getAttribute("value").isEmpty(), "the message to be sent");
    }

    /** Sends a file as the 📎 button would (an image as a photo, anything else as a document). */
    void attach(Path file) {
        WebElement input = driver.findElement(By.cssSelector(".composer .file"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].hidden = false;", input);
        input.sendKeys(file.toAbsolutePath().toString());
    }

    /** Taps the inline button of {@code message} whose text contains {@code label}. */
    void tap(Message message, String label) {
        // found again: the page redraws a message when the bot edits it
        driver.findElements(By.cssSelector(".msg.bot[data-message-id='" + message.id() + "'] .inline-btn")).stream()
                .filter(b -> b.getText().contains(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button \"" + label + "\" in: " + message)).click();
    }

    /** Taps and waits for the next bot message (new or the same one edited). */
    Message tapAndWait(Message message, String label) {
        tap(message, label);
        return next(m -> true);
    }

    /** The first bot message newer than the last one seen that satisfies the condition, as the page shows it. */
    Message next(Predicate<Message> condition) {
        long after = lastSeen;
        Message[] found = new Message[1];
        waitUntil(d -> {
            for (WebElement e : botMessages()) {
                Message m = id(e) > after ? message(e) : null;
                if (m != null && condition.test(m)) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        }, "a new bot message");
        lastSeen = Math.max(lastSeen, newestBotMessageId());
        return found[0];
    }

    /** The next bot message whose visible text contains {@code fragment}. */
    Message nextContaining(String fragment) {
        return next(m -> m.text().contains(fragment));
    }

    /** Any bot message, seen or not, that satisfies the condition, waiting for it. */
    Message any(Predicate<Message> condition, String what) {
        Message[] found = new Message[1];
        waitUntil(d -> {
            for (WebElement e : botMessages()) {
                Message m = message(e);
                if (condition.test(m)) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        }, what);
        return found[0];
    }

    /** Scrolls the page so that this message is at the top of the window. */
    void scrollTo(Message message) {
        WebElement e = driver.findElement(By.cssSelector(".msg[data-message-id='" + message.id() + "']"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true);", e);
    }

    /** How many of the bot's photos the browser has loaded and decoded. */
    long photosShown() {
        return driver.findElements(By.cssSelector(".msg.bot img.photo")).stream()
                .filter(img -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", img)))
                .count();
    }

    Path screenshot(String name) {
        return Browsers.screenshot(driver, name);
    }

    private WebElement contactButton() {
        List<WebElement> buttons = driver.findElements(By.cssSelector(".kb-btn[data-request-contact]"));
        return buttons.isEmpty() ? null : buttons.get(0);
    }

    private List<WebElement> botMessages() {
        return driver.findElements(By.cssSelector(".msg.bot"));
    }

    private long newestBotMessageId() {
        return botMessages().stream().mapToLong(ChatPage::id).max().orElse(0);
    }

    private static Message message(WebElement e) {
        return new Message(id(e), e.findElement(By.cssSelector(".bubble .text")).getText(),
                e.findElements(By.cssSelector(".inline-btn")).stream().map(WebElement::getText).toList());
    }

    private static long id(WebElement message) {
        return Long.parseLong(message.getAttribute("data-message-id"));
    }

    private void waitUntil(java.util.function.Function<WebDriver, Boolean> condition, String what) {
        new WebDriverWait(driver, ANSWER_TIMEOUT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> person.latinName() + " waited for " + what + "; the page shows:\n"
                        + driver.findElement(By.cssSelector(".messages")).getText())
                .until(condition::apply);
    }
}
