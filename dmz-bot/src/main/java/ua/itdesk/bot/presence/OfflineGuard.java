package ua.itdesk.bot.presence;

import java.util.Optional;
import ua.itdesk.bot.conversation.Text;

/**
 * A reason a specialist may not go offline yet. The availability toggle asks every bean implementing this before
 * switching someone off; consultations will refuse while the specialist has a chat open ("end the chat first").
 */
public interface OfflineGuard {

    /** Why {@code employeeId} cannot go offline now, as the text to show; empty when nothing stands in the way. */
    Optional<Text> refusal(String employeeId);
}
