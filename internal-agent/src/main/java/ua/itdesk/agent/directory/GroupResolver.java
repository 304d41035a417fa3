package ua.itdesk.agent.directory;

import com.unboundid.ldap.sdk.DN;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Transitive group membership, walked breadth-first one nesting level per directory query, as AD nests groups.
 * Cycles (A in B in A) are harmless because a group is expanded once; depth and total size are capped so that a
 * pathological directory cannot make one login run unbounded queries.
 *
 * @param maxDepth  nesting levels followed (1 = direct groups only)
 * @param maxGroups groups collected before the walk stops
 */
record GroupResolver(int maxDepth, int maxGroups) {

    GroupResolver {
        if (maxDepth < 1 || maxGroups < 1) {
            throw new IllegalArgumentException("depth and group limits must be positive");
        }
    }

    /** What the walk found, and whether a limit cut it short. */
    record Groups(Set<DN> dns, boolean truncated) {
    }

    /**
     * @param member    the DN whose groups are wanted
     * @param parentsOf the groups that list any of the given DNs as a direct member (one directory query)
     */
    Groups groupsOf(DN member, Function<Set<DN>, Set<DN>> parentsOf) {
        Set<DN> found = new LinkedHashSet<>();
        Set<DN> frontier = Set.of(member);
        for (int depth = 0; depth < maxDepth; depth++) {
            Set<DN> next = new LinkedHashSet<>();
            for (DN parent : parentsOf.apply(frontier)) {
                if (!parent.equals(member) && found.add(parent)) {
                    next.add(parent);
                    if (found.size() >= maxGroups) {
                        return new Groups(Set.copyOf(found), true);
                    }
                }
            }
            if (next.isEmpty()) {
                return new Groups(Set.copyOf(found), false);
            }
            frontier = next;
        }
        return new Groups(Set.copyOf(found), true);
    }
}
