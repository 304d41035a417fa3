package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.consultation.ChatMessages.Kind;
import ua.itdesk.bot.consultation.ChatMessages.Side;
import ua.itdesk.bot.consultation.Transcript.Line;

class TranscriptTest {

    /** 07:05 UTC in winter is 09:05 in Kyiv (UTC+2); in summer 10:05 (UTC+3). */
    private static final Instant WINTER = Instant.parse("2025-01-15T07:05:00Z");
    private static final Instant SUMMER = Instant.parse("2025-07-15T07:05:00Z");

    private final Transcript transcript = new Transcript("Olena Kovalenko", "Petro Shevchenko", 32_000);

    @Test
    void aMessageIsItsKyivTimeTheSendersNameAndItsText() {
        assertThat(transcript.line(new Line(WINTER, Side.EMPLOYEE, Kind.TEXT, "The printer jams", null, null)))
                .isEqualTo("[09:05] Olena Kovalenko: The printer jams");
        assertThat(transcript.line(new Line(SUMMER, Side.SPECIALIST, Kind.TEXT, "Which floor?", null, null)))
                .isEqualTo("[10:05] Petro Shevchenko: Which floor?");
    }

    @Test
    void anEditSaysWhichMessageItChanges() {
        assertThat(transcript.line(new Line(WINTER, Side.EMPLOYEE, Kind.TEXT, "floor 4, not 3", null, 3)))
                .isEqualTo("[09:05] Olena Kovalenko (edited message 3): floor 4, not 3");
    }

    @Test
    void aFileIsNamedWithItsKindAndCarriesItsCaption() {
        assertThat(transcript.line(new Line(WINTER, Side.EMPLOYEE, Kind.PHOTO, "the error", "photo.jpg", null)))
                .isEqualTo("[09:05] Olena Kovalenko: [photo: photo.jpg] the error");
        assertThat(transcript.line(new Line(WINTER, Side.SPECIALIST, Kind.DOCUMENT, null, "guide.pdf", null)))
                .isEqualTo("[09:05] Petro Shevchenko: [document: guide.pdf]");
        assertThat(transcript.line(new Line(WINTER, Side.EMPLOYEE, Kind.VOICE, null, null, null)))
                .isEqualTo("[09:05] Olena Kovalenko: [voice]");
    }

    @Test
    void aNoteOfTheBotIsItsTextAlone() {
        assertThat(transcript.line(new Line(WINTER, Side.SYSTEM, Kind.NOTE, "Consultation ended after 12 min.",
                null, null))).isEqualTo("Consultation ended after 12 min.");
    }

    @Test
    void aCommentIsTheHeaderNamingBothSidesThenTheLines() {
        assertThat(transcript.comment(List.of("[09:05] Olena Kovalenko: hi", "[09:06] Petro Shevchenko: hello")))
                .isEqualTo("Consultation via Telegram, Olena Kovalenko and Petro Shevchenko\n"
                        + "[09:05] Olena Kovalenko: hi\n[09:06] Petro Shevchenko: hello");
    }

    @Test
    void linesBeyondTheLongestCommentGoToTheNextOne() {
        String header = "Consultation via Telegram, A and B";
        Transcript small = new Transcript("A", "B", header.length() + 25);
        List<String> lines = List.of("0123456789", "0123456789", "0123456789");

        assertThat(small.fitting(lines)).isEqualTo(2);
        assertThat(small.comment(lines.subList(0, 2))).hasSize(header.length() + 22);
        assertThat(small.fitting(lines.subList(2, 3))).isEqualTo(1);
    }

    @Test
    void aSingleLineTooLongForAnyCommentIsCutNotLost() {
        Transcript small = new Transcript("A", "B", 60);
        String longLine = String.join("", Collections.nCopies(100, "x"));

        assertThat(small.fitting(List.of(longLine, "next"))).isEqualTo(1);
        assertThat(small.comment(List.of(longLine))).hasSize(60).endsWith("x…");
    }

    @Test
    void aLimitThatCannotHoldTheHeaderIsRefused() {
        assertThatThrownBy(() -> new Transcript("Olena", "Petro", 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
