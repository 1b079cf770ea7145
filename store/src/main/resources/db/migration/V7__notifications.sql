-- Notifications: channels and rules, the outbox written in the alert's own transaction, and the
-- sender's bookkeeping (deliveries, per-rule windows for rate limits and digests).

CREATE TABLE notify_channels (
    id                   text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name                 text        NOT NULL,
    kind                 text        NOT NULL CHECK (kind IN ('webhook', 'syslog', 'email', 'file')),
    settings             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- AES-256-GCM sealed JSON object of the secret settings (webhook URL, keys, passwords); never returned
    secrets              bytea,
    secret_names         text[]      NOT NULL DEFAULT '{}',
    -- what may be shown of the target: scheme and host of a webhook URL, host:port of a server
    target_hint          text        NOT NULL DEFAULT '',
    enabled              boolean     NOT NULL DEFAULT true,
    managed_by           text        NOT NULL DEFAULT 'api' CHECK (managed_by IN ('api', 'file')),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    last_success_at      timestamptz,
    last_error           text,
    last_error_at        timestamptz,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    paused_until         timestamptz
);

CREATE TABLE notify_rules (
    id                        text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name                      text        NOT NULL,
    enabled                   boolean     NOT NULL DEFAULT true,
    min_severity              text        NOT NULL DEFAULT 'info'
                                          CHECK (min_severity IN ('info', 'low', 'medium', 'high', 'critical')),
    types                     text[]      NOT NULL DEFAULT '{}',
    sensors                   text[]      NOT NULL DEFAULT '{}',
    bssids                    text[]      NOT NULL DEFAULT '{}',
    ssids                     text[]      NOT NULL DEFAULT '{}',
    events                    text[]      NOT NULL,
    quiet_gap_seconds         integer     NOT NULL DEFAULT 900 CHECK (quiet_gap_seconds >= 60),
    -- NULL: no limit; 0: every match goes into the window's digest
    rate_limit_messages       integer     CHECK (rate_limit_messages >= 0),
    rate_limit_window_seconds integer     NOT NULL DEFAULT 600 CHECK (rate_limit_window_seconds BETWEEN 1 AND 86400),
    managed_by                text        NOT NULL DEFAULT 'api' CHECK (managed_by IN ('api', 'file')),
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notify_rule_channels (
    rule_id    text NOT NULL REFERENCES notify_rules (id) ON DELETE CASCADE,
    channel_id text NOT NULL REFERENCES notify_channels (id) ON DELETE CASCADE,
    PRIMARY KEY (rule_id, channel_id)
);
CREATE INDEX notify_rule_channels_channel_idx ON notify_rule_channels (channel_id);

-- the outbox: one row per notable alert change, inserted in the same transaction as the change
CREATE TABLE notify_events (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id text        NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    event    text        NOT NULL CHECK (event IN ('opened', 'escalated', 'repeated', 'acknowledged', 'resolved')),
    at       timestamptz NOT NULL DEFAULT now(),
    actor    text        NOT NULL,
    detail   jsonb       NOT NULL DEFAULT '{}'::jsonb
);

-- what the outbox last saw of each alert: escalations and quiet gaps are measured against it
CREATE TABLE notify_alert_marks (
    alert_id  text        PRIMARY KEY REFERENCES alerts (id) ON DELETE CASCADE,
    severity  text        NOT NULL,
    last_seen timestamptz NOT NULL
);

-- one message to one channel; message_id is the idempotency key carried by every copy sent
CREATE TABLE notify_deliveries (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      uuid        NOT NULL UNIQUE,
    channel_id      text        NOT NULL REFERENCES notify_channels (id) ON DELETE CASCADE,
    kind            text        NOT NULL CHECK (kind IN ('alert', 'digest', 'test')),
    event_id        bigint,
    alert_id        text,
    event           text,
    rule_ids        text[]      NOT NULL DEFAULT '{}',
    payload         jsonb       NOT NULL,
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    last_attempt_at timestamptz,
    sent_at         timestamptz,
    last_error      text
);
CREATE UNIQUE INDEX notify_deliveries_event_channel_idx ON notify_deliveries (event_id, channel_id)
    WHERE event_id IS NOT NULL;
CREATE INDEX notify_deliveries_pending_idx ON notify_deliveries (channel_id, next_attempt_at, id)
    WHERE state = 'pending';
CREATE INDEX notify_deliveries_channel_idx ON notify_deliveries (channel_id, created_at DESC, id DESC);
CREATE INDEX notify_deliveries_sent_idx ON notify_deliveries (sent_at) WHERE state = 'sent';

-- the current rate-limit window of each (rule, channel); its overflow accumulates in one digest delivery
CREATE TABLE notify_windows (
    rule_id            text        NOT NULL REFERENCES notify_rules (id) ON DELETE CASCADE,
    channel_id         text        NOT NULL REFERENCES notify_channels (id) ON DELETE CASCADE,
    window_start       timestamptz NOT NULL,
    window_end         timestamptz NOT NULL,
    sent               integer     NOT NULL DEFAULT 0,
    digest_delivery_id bigint,
    PRIMARY KEY (rule_id, channel_id)
);
