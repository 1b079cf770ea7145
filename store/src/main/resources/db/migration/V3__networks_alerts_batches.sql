-- Latest state per BSSID, alerts with their lifecycle and history, and batch idempotency.

CREATE TABLE networks (
    bssid      macaddr     PRIMARY KEY,
    ssid       text,
    security   text,
    channel    smallint,
    freq_mhz   integer,
    vendor     text,
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX networks_last_seen_idx ON networks (last_seen DESC, bssid DESC);
CREATE INDEX networks_ssid_idx ON networks (ssid, last_seen DESC, bssid DESC);
CREATE INDEX networks_security_idx ON networks (security, last_seen DESC, bssid DESC);

-- what each sensor last heard of each BSSID
CREATE TABLE network_sensors (
    bssid     macaddr     NOT NULL REFERENCES networks (bssid) ON DELETE CASCADE,
    sensor_id text        NOT NULL,
    rssi_min  smallint,
    rssi_avg  real,
    rssi_max  smallint,
    last_seen timestamptz NOT NULL,
    PRIMARY KEY (bssid, sensor_id)
);

CREATE TABLE alerts (
    id              text        PRIMARY KEY,
    type            text        NOT NULL,
    severity        text        NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    confidence      real        NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    first_seen      timestamptz NOT NULL,
    last_seen       timestamptz NOT NULL,
    count           bigint      NOT NULL DEFAULT 0,
    bssid           text,
    ssid            text,
    source          text,
    target          text,
    channel         smallint,
    reasons         text[]      NOT NULL DEFAULT '{}',
    mitre           text[]      NOT NULL DEFAULT '{}',
    evidence        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    summary         text        NOT NULL DEFAULT '',
    sensor_id       text        NOT NULL,
    sensor_ids      text[]      NOT NULL,
    status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
    acknowledged_by text,
    acknowledged_at timestamptz,
    resolved_by     text,
    resolved_at     timestamptz,
    comment         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- keyset pagination is ordered by (last_seen DESC, id DESC); every filter has an index in that order
CREATE INDEX alerts_last_seen_idx ON alerts (last_seen DESC, id DESC);
CREATE INDEX alerts_type_idx ON alerts (type, last_seen DESC, id DESC);
CREATE INDEX alerts_severity_idx ON alerts (severity, last_seen DESC, id DESC);
CREATE INDEX alerts_status_idx ON alerts (status, last_seen DESC, id DESC);
CREATE INDEX alerts_bssid_idx ON alerts (bssid, last_seen DESC, id DESC) WHERE bssid IS NOT NULL;
CREATE INDEX alerts_sensor_ids_idx ON alerts USING gin (sensor_ids);
-- cross-sensor correlation looks for an open alert of the same type and BSSID
CREATE INDEX alerts_correlation_idx ON alerts (type, bssid, last_seen DESC) WHERE status <> 'resolved';

-- each sensor's own report of an alert (its stable id); several reports may merge into one alert
CREATE TABLE alert_reports (
    sensor_id  text        NOT NULL,
    report_id  text        NOT NULL,
    alert_id   text        NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    confidence real        NOT NULL,
    count      bigint      NOT NULL,
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    PRIMARY KEY (sensor_id, report_id)
);
CREATE INDEX alert_reports_alert_idx ON alert_reports (alert_id);

CREATE TABLE alert_history (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id text        NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    at       timestamptz NOT NULL DEFAULT now(),
    event    text        NOT NULL,
    actor    text        NOT NULL,
    detail   jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX alert_history_alert_idx ON alert_history (alert_id, id);

CREATE TABLE ingest_batches (
    sensor_id   text        NOT NULL,
    batch_id    text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('telemetry', 'alerts', 'heartbeat')),
    received_at timestamptz NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now(),
    items       integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (sensor_id, batch_id)
);
CREATE INDEX ingest_batches_stored_idx ON ingest_batches (stored_at);
