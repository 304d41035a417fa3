package ua.itdesk.bot.presence;

import ua.itdesk.bot.conversation.Text;

/** Answers of the availability toggle (T2). */
enum AvailabilityText implements Text {
    NOW_ONLINE("🟢 Ви онлайн: нові заявки можуть призначатися вам.",
            "🟢 You are online: new requests can be assigned to you."),
    NOW_OFFLINE("🔴 Ви офлайн: нові заявки вам не призначатимуться.",
            "🔴 You are offline: no new requests will be assigned to you.");

    private final String uk;
    private final String en;

    AvailabilityText(String uk, String en) {
        this.uk = uk;
        this.en = en;
    }

    @Override
    public String uk() {
        return uk;
    }

    @Override
    public String en() {
        return en;
    }
}
