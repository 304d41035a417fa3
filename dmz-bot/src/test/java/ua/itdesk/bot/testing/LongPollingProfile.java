package ua.itdesk.bot.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The bot in long-polling mode against the stand-in (no public URL). */
public class LongPollingProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(BotTestResources.class, Map.of(BotTestResources.MODE, "long-polling")));
    }
}
