-- Online consultations, the chat itself (C3-C6): what the relay needs to keep edits and replies meaningful on the
-- other side, and what the synchronisation to Jira needs to write every message once and in order. Texts, names and
-- file names only encrypted, and kept only until synced plus the retention window (Z4).

-- The names the two sides see of each other, fixed when the chat opens: the transcript in Jira and the relay use
-- them even after a person's /forget removed their users_telegram row.
ALTER TABLE chat_sessions ADD COLUMN employee_name_ciphertext BYTEA;
ALTER TABLE chat_sessions ADD COLUMN specialist_name_ciphertext BYTEA;
ALTER TABLE chat_sessions ADD COLUMN specialist_employee_id VARCHAR(64);
ALTER TABLE chat_sessions ADD COLUMN employee_id VARCHAR(64);

-- VOICE: voice notes. NOTE: lines the bot itself writes to the request (the closing comment, the rating), ordered
-- with the messages; their sender is SYSTEM (sender_telegram_user_id 0).
ALTER TABLE chat_messages DROP CONSTRAINT ck_chat_messages_kind;
ALTER TABLE chat_messages ADD CONSTRAINT ck_chat_messages_kind
    CHECK (kind IN ('TEXT', 'PHOTO', 'DOCUMENT', 'VOICE', 'NOTE'));
ALTER TABLE chat_messages DROP CONSTRAINT ck_chat_messages_side;
ALTER TABLE chat_messages ADD CONSTRAINT ck_chat_messages_side
    CHECK (sender_side IN ('EMPLOYEE', 'SPECIALIST', 'SYSTEM'));
-- source_message_id: the message in the sender's chat; relayed_message_id: its copy in the other side's chat. A
-- reply or an edit on either side is mapped through them to the message the other side sees.
ALTER TABLE chat_messages ADD COLUMN source_message_id BIGINT;
ALTER TABLE chat_messages ADD COLUMN relayed_message_id BIGINT;
-- an edit is a row of its own (the transcript shows it as an edit of message edit_of_seq)
ALTER TABLE chat_messages ADD COLUMN edit_of_seq INTEGER;
ALTER TABLE chat_messages ADD COLUMN file_name_ciphertext BYTEA;
ALTER TABLE chat_messages ADD COLUMN mime_type VARCHAR(128);
ALTER TABLE chat_messages ADD COLUMN file_size BIGINT;
-- the idempotency key of the Jira write the row went into, fixed before the first attempt: a retry after a lost
-- answer repeats the same write with the same rows, so the agent recognises it and nothing is written twice
ALTER TABLE chat_messages ADD COLUMN sync_key VARCHAR(128);
ALTER TABLE chat_messages ADD COLUMN last_error VARCHAR(200);
CREATE INDEX ix_chat_messages_source ON chat_messages (chat_session_id, source_message_id);
CREATE INDEX ix_chat_messages_relayed ON chat_messages (chat_session_id, relayed_message_id);

-- The rating's optional comment: the employee's next plain message until this time is taken as the comment.
ALTER TABLE consultation_requests ADD COLUMN rating_comment_until TIMESTAMPTZ;
