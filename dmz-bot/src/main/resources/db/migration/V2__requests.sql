-- Requests (T1, T4, R3). A draft is the new-request wizard of one person while they fill it in (phase EDITING);
-- once confirmed it is the outbox entry that creates the request (QUEUED), then uploads its files (CREATED), and
-- is deleted when done. Summary, description and file names only encrypted; files only as Telegram file ids.
CREATE TABLE request_drafts (
    id                     UUID         PRIMARY KEY,
    telegram_user_id       BIGINT       NOT NULL
        REFERENCES users_telegram (telegram_user_id) ON DELETE CASCADE,
    employee_id            VARCHAR(64)  NOT NULL,
    chat_id                BIGINT       NOT NULL,
    language               VARCHAR(8)   NOT NULL,
    phase                  VARCHAR(16)  NOT NULL,
    state                  VARCHAR(32),
    category_id            VARCHAR(18),
    category_name          VARCHAR(255),
    priority               VARCHAR(16),
    summary_ciphertext     BYTEA,
    description_ciphertext BYTEA,
    idempotency_key        VARCHAR(128),
    issue_key              VARCHAR(64),
    attempts               INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at        TIMESTAMPTZ,
    locked_until           TIMESTAMPTZ,
    last_error             VARCHAR(128),
    created_at             TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL,
    confirmed_at           TIMESTAMPTZ,
    CONSTRAINT ck_request_drafts_phase CHECK (phase IN ('EDITING', 'QUEUED', 'CREATED')),
    CONSTRAINT ck_request_drafts_editing CHECK ((phase = 'EDITING') = (state IS NOT NULL)),
    CONSTRAINT ck_request_drafts_confirmed CHECK (phase = 'EDITING'
        OR (idempotency_key IS NOT NULL AND summary_ciphertext IS NOT NULL AND category_id IS NOT NULL
            AND priority IS NOT NULL AND confirmed_at IS NOT NULL)),
    CONSTRAINT ck_request_drafts_created CHECK ((phase = 'CREATED') = (issue_key IS NOT NULL)),
    CONSTRAINT uq_request_drafts_idempotency_key UNIQUE (idempotency_key)
);
-- one wizard at a time per person; any number of confirmed requests waiting
CREATE UNIQUE INDEX ux_request_drafts_editing ON request_drafts (telegram_user_id) WHERE phase = 'EDITING';
CREATE INDEX ix_request_drafts_due ON request_drafts (next_attempt_at) WHERE phase <> 'EDITING';
CREATE INDEX ix_request_drafts_idle ON request_drafts (updated_at) WHERE phase = 'EDITING';

-- Photos and documents of a draft, in the order sent: Telegram's file id and what was checked on arrival.
CREATE TABLE request_draft_files (
    draft_id             UUID          NOT NULL REFERENCES request_drafts (id) ON DELETE CASCADE,
    seq                  INTEGER       NOT NULL,
    telegram_file_id     VARCHAR(256)  NOT NULL,
    file_name_ciphertext BYTEA         NOT NULL,
    media_type           VARCHAR(128)  NOT NULL,
    size_bytes           BIGINT,
    PRIMARY KEY (draft_id, seq)
);

-- When a person's whole list (REPORTER: "my requests", ASSIGNEE: "assigned to me") was last fetched from the
-- agent: TICKETS_CACHE rows alone cannot tell a complete list from one request remembered at its creation.
CREATE TABLE tickets_cache_lists (
    owner_employee_id VARCHAR(64)  NOT NULL,
    relation          VARCHAR(16)  NOT NULL,
    refreshed_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (owner_employee_id, relation),
    CONSTRAINT ck_tickets_cache_lists_relation CHECK (relation IN ('REPORTER', 'ASSIGNEE'))
);
