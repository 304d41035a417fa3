package ua.itdesk.contracts.v1;

import java.time.Instant;

/**
 * A comment on a request that the requester sees (internal notes never leave the agent).
 *
 * @param id      Jira's comment id (a decimal string, increasing); the bot de-duplicates notifications with it
 * @param author  the author's display name
 * @param body    the text as written in Jira (plain or wiki markup)
 * @param created when it was written
 */
public record PublicComment(String id, String author, String body, Instant created) {
}
