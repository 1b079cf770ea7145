-- Sensors, API tokens and the audit log: who may talk to the controller and what they did.

CREATE TABLE sensors (
    id             text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    name           text,
    location       text,
    key_epoch      integer     NOT NULL DEFAULT 1 CHECK (key_epoch >= 1),
    status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
    enrolled_at    timestamptz NOT NULL DEFAULT now(),
    rotated_at     timestamptz,
    revoked_at     timestamptz,
    last_heartbeat timestamptz,
    health         jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE api_tokens (
    id           text        PRIMARY KEY,
    name         text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
    token_sha256 bytea       NOT NULL UNIQUE CHECK (octet_length(token_sha256) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);

CREATE TABLE audit_log (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL,
    action    text        NOT NULL,
    target    text,
    client_ip text,
    detail    jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
