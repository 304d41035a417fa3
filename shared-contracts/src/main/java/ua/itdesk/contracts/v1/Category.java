package ua.itdesk.contracts.v1;

import java.util.Objects;

/**
 * A request category: one of the service desk's request types (T1).
 *
 * @param id          the request type id (digits), sent back as {@link NewRequest#categoryId()}
 * @param name        what the employee chooses by
 * @param description a line explaining it; may be null
 */
public record Category(String id, String name, String description) {

    public Category {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
