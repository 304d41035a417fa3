-- /stats (M1): a supervisor's period picker between two updates, so that any instance, or this one after a
-- restart, continues it. state is StatsState by name; from_date is the start of a custom period once typed.
-- Nothing of the statistics themselves is kept: they are read from the agent and this database on demand.
CREATE TABLE stats_dialogs (
    telegram_user_id BIGINT      PRIMARY KEY
        REFERENCES users_telegram (telegram_user_id) ON DELETE CASCADE,
    employee_id      VARCHAR(64) NOT NULL,
    state            VARCHAR(24) NOT NULL,
    from_date        DATE,
    updated_at       TIMESTAMPTZ NOT NULL
);
