-- Several bot instances behind one webhook (R4): an update is handled only after the updates of its chat that
-- other instances recorded before it, so a chat's updates are handled in order whichever instance took them.
-- instance_id: the process that recorded the update (its own updates are already ordered by its chat lanes);
-- handled_at: set once the update was handled, or at once when it never will be (duplicate, dropped by the limit).
ALTER TABLE processed_updates ADD COLUMN instance_id VARCHAR(36);
ALTER TABLE processed_updates ADD COLUMN handled_at TIMESTAMPTZ;
CREATE INDEX ix_processed_updates_chat_open ON processed_updates (chat_id, update_id) WHERE handled_at IS NULL;
