-- PCAP evidence: one row per file a sensor uploaded, the file itself in object storage under
-- object_key (derived by the controller, never taken from the client). A row is written
-- (stored = false) before the object and marked stored after it, so a retried upload finds its
-- row and rewrites the same key. report_id is the sensor's own alert id: the file is linked to
-- the stored alert through alert_reports, also when the alert arrives after the file.
CREATE TABLE evidence (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sensor_id         text        NOT NULL,
    evidence_id       text        NOT NULL,
    report_id         text        NOT NULL,
    alert_type        text        NOT NULL,
    seq               integer     NOT NULL CHECK (seq > 0),
    object_key        text        NOT NULL UNIQUE,
    size_bytes        bigint      NOT NULL CHECK (size_bytes >= 0),
    sha256            text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    frames            integer     NOT NULL CHECK (frames >= 0),
    first_frame       timestamptz,
    last_frame        timestamptz,
    trigger_at        timestamptz,
    capture_interface text        NOT NULL DEFAULT '',
    preview           jsonb       NOT NULL DEFAULT '[]'::jsonb,
    stored            boolean     NOT NULL DEFAULT false,
    received_at       timestamptz NOT NULL,
    stored_at         timestamptz,
    UNIQUE (sensor_id, evidence_id)
);
CREATE INDEX evidence_report_idx ON evidence (sensor_id, report_id);
-- retention walks the oldest first; the quota sums per sensor
CREATE INDEX evidence_received_idx ON evidence (received_at, id);
CREATE INDEX evidence_sensor_idx ON evidence (sensor_id, received_at DESC, id DESC);
