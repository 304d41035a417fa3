-- The outbox of messages to Telegram that need no synchronous answer (R2, R5): a message is a row first, then sent,
-- then deleted, so a restart loses none. Several instances share the table: a row is claimed with FOR UPDATE SKIP
-- LOCKED and a lease, and only the oldest waiting row of a chat can be claimed, so each chat's messages leave one at a
-- time and in order. The text is only encrypted, and removed when a message is given up (Z4).

-- id: from the sequence before the insert, because the ciphertext is bound to it; also the order within a chat.
CREATE SEQUENCE outgoing_messages_seq;

CREATE TABLE outgoing_messages (
    id                 BIGINT PRIMARY KEY,
    chat_id            BIGINT NOT NULL,
    payload_ciphertext BYTEA,
    status             VARCHAR(16) NOT NULL DEFAULT 'PENDING',
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_until       TIMESTAMPTZ,
    last_error         VARCHAR(300),
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    failed_at          TIMESTAMPTZ,
    CONSTRAINT ck_outgoing_messages_status CHECK (status IN ('PENDING', 'FAILED')),
    -- a waiting row has its text; a failed one never keeps it
    CONSTRAINT ck_outgoing_messages_payload CHECK ((status = 'PENDING') = (payload_ciphertext IS NOT NULL))
);

-- the head of each chat, and the rows due
CREATE INDEX ix_outgoing_messages_chat ON outgoing_messages (chat_id, id) WHERE status = 'PENDING';
CREATE INDEX ix_outgoing_messages_due ON outgoing_messages (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX ix_outgoing_messages_failed ON outgoing_messages (failed_at) WHERE status = 'FAILED';
