package ua.itdesk.bot.requests;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** REQUEST_DRAFT_FILES: a photo or document of a draft, as Telegram's file id; never its bytes (Z4). */
@Entity
@Table(name = "request_draft_files")
@IdClass(DraftFile.Key.class)
class DraftFile extends PanacheEntityBase {

    @Id
    @Column(name = "draft_id")
    UUID draftId;

    @Id
    @Column(name = "seq")
    int seq;

    @Column(name = "telegram_file_id", nullable = false, length = 256)
    String telegramFileId;

    @Column(name = "file_name_ciphertext", nullable = false)
    byte[] fileNameCiphertext;

    @Column(name = "media_type", nullable = false, length = 128)
    String mediaType;

    @Column(name = "size_bytes")
    Long sizeBytes;

    /** The composite key. */
    static class Key implements Serializable {
        UUID draftId;
        int seq;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.draftId, draftId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(draftId, seq);
        }
    }
}
