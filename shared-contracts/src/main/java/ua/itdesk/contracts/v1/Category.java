package ua.itdesk.contracts.v1;

import java.util.Objects;

/**
 * A request category: one of the service desk's request types (T1).
 *
 * @param id                  the request type id (digits), sent back as {@link NewRequest#categoryId()}
 * @param name                what the employee chooses by
 * @param description         a line explaining it; may be null
 * @param descriptionRequired the request type requires a description: the bot must not offer to skip it, and the
 *                            agent refuses a {@link NewRequest} of this category without one
 */
public record Category(String id, String name, String description, boolean descriptionRequired) {

    public Category {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
