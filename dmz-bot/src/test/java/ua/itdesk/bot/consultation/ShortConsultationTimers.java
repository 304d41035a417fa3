package ua.itdesk.bot.consultation;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import ua.itdesk.bot.testing.BotTestResources;

/** The bot with the scripted agent and consultation timers short enough to watch them fire. */
public class ShortConsultationTimers implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("bot.consultation.offer-timeout", "PT6S", "bot.consultation.idle-timeout", "PT5S",
                "bot.consultation.tick", "PT0.5S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(BotTestResources.class, Map.of(BotTestResources.AGENT, "fake")));
    }
}
