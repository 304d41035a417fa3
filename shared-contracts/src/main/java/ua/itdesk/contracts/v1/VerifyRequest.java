package ua.itdesk.contracts.v1;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Login: the bot asks the agent to verify the phone number a Telegram user shared as their own contact (A2, A3).
 *
 * @param telegramUserId the Telegram user who shared the contact (for throttling and audit; 64-bit)
 * @param phoneNumber    the number in E.164 form ({@code +380501112233}), normalized by the bot with
 *                       {@link ua.itdesk.contracts.PhoneNumbers}
 */
public record VerifyRequest(
        @Positive long telegramUserId,
        @NotBlank @Size(max = 16) @Pattern(regexp = "\\+[1-9][0-9]{6,14}") String phoneNumber) {
}
