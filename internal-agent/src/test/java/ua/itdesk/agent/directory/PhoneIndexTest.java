package ua.itdesk.agent.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.PhoneNumbers;

class PhoneIndexTest {

    private static final String ALICE = "CN=Alice,OU=People,DC=corp";
    private static final String BOB = "CN=Bob,OU=People,DC=corp";

    @Test
    void everyHumanSpellingOfANumberIndexesUnderItsE164Form() {
        PhoneIndex index = PhoneIndex.builder(PhoneNumbers.ukraine())
                .add(ALICE, List.of("+38 (050) 111-22-33"))
                .add(BOB, List.of("067 765 43 21", "ext. 12"))
                .build();

        assertThat(index.lookup("+380501112233")).isEqualTo(new PhoneIndex.Lookup(PhoneIndex.Match.UNIQUE, ALICE));
        assertThat(index.lookup("+380677654321").dn()).isEqualTo(BOB);
        assertThat(index.lookup("+380991112233").match()).isEqualTo(PhoneIndex.Match.ABSENT);
        assertThat(index.unreadableValues()).isEqualTo(1);
        assertThat(index.entries()).isEqualTo(2);
    }

    @Test
    void aNumberHeldByTwoEntriesIsAmbiguousButOneEntryHoldingItTwiceIsNot() {
        PhoneIndex index = PhoneIndex.builder(PhoneNumbers.ukraine())
                .add(ALICE, List.of("050-111-22-33", "+380501112233"))
                .add(BOB, List.of("0441234567"))
                .add("CN=Carol,DC=corp", List.of("(044) 123-45-67"))
                .build();

        assertThat(index.lookup("+380501112233").match()).isEqualTo(PhoneIndex.Match.UNIQUE);
        assertThat(index.lookup("+380441234567").match()).isEqualTo(PhoneIndex.Match.AMBIGUOUS);
        assertThat(index.sharedNumbers()).isEqualTo(1);
    }

    @Test
    void aFailedRebuildKeepsThePreviousIndex() {
        PhoneIndexHolder holder = new PhoneIndexHolder();
        PhoneIndex first = PhoneIndex.builder(PhoneNumbers.ukraine()).add(ALICE, List.of("0501112233")).build();
        assertThat(holder.rebuild(() -> first)).isTrue();

        boolean replaced = holder.rebuild(() -> {
            throw new IOException("directory went away mid-search");
        });

        assertThat(replaced).isFalse();
        assertThat(holder.current()).containsSame(first);
        assertThat(holder.lastFailure()).isPresent();
        assertThat(holder.rebuild(() -> first)).isTrue();
        assertThat(holder.lastFailure()).isEmpty();
    }

    @Test
    void beforeTheFirstSuccessfulBuildThereIsNoIndex() {
        PhoneIndexHolder holder = new PhoneIndexHolder();

        holder.rebuild(() -> {
            throw new IOException("unreachable");
        });

        assertThat(holder.current()).isEmpty();
    }

    @Test
    void aRebuildIsDueWithoutAnIndexAfterAFailureAndWhenTheIndexIsOlderThanTheRefreshInterval() {
        PhoneIndexHolder holder = new PhoneIndexHolder();
        Duration refresh = Duration.ofMinutes(5);
        assertThat(holder.rebuildDue(Instant.now(), refresh)).as("no index yet").isTrue();

        holder.rebuild(() -> PhoneIndex.builder(PhoneNumbers.ukraine()).add(ALICE, List.of("0501112233")).build());
        Instant built = holder.current().orElseThrow().builtAt();
        assertThat(holder.rebuildDue(built.plusSeconds(10), refresh)).as("fresh index").isFalse();
        assertThat(holder.rebuildDue(built.plus(refresh), refresh)).as("index one interval old").isTrue();

        holder.rebuild(() -> {
            throw new IOException("directory went away");
        });
        assertThat(holder.rebuildDue(built.plusSeconds(10), refresh)).as("after a failed rebuild").isTrue();
    }
}
