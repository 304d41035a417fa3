package ua.itdesk.contracts.v1;

import java.util.List;

/**
 * One page of requests, newest first.
 *
 * @param items      the requests of this page
 * @param nextCursor pass it as {@code cursor} for the next page; null on the last page. Opaque: the bot must not
 *                   build or change one.
 */
public record RequestPage(List<RequestSummary> items, String nextCursor) {

    public RequestPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
