-- Telemetry on TimescaleDB: the same columns as the native path, as a hypertable with daily
-- chunks, compression of chunks older than two days and a retention policy. The maintenance
-- function has the same signature as on the native path, so the worker's retention job calls
-- it on both.

CREATE EXTENSION IF NOT EXISTS timescaledb;

CREATE TABLE sentinel_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO sentinel_meta (key, value) VALUES ('telemetry_storage', 'timescale');

CREATE SEQUENCE telemetry_id_seq;

CREATE TABLE telemetry (
    id         bigint      NOT NULL DEFAULT nextval('telemetry_id_seq'),
    time       timestamptz NOT NULL,
    sensor_id  text        NOT NULL,
    batch_id   text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('ap', 'client')),
    mac        macaddr     NOT NULL,
    bssid      macaddr,
    ssid       text,
    channel    smallint,
    freq_mhz   integer,
    security   text,
    rssi_min   smallint,
    rssi_avg   real,
    rssi_max   smallint,
    first_seen timestamptz NOT NULL,
    frames     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    vendor     text
);

ALTER SEQUENCE telemetry_id_seq OWNED BY telemetry.id;

SELECT create_hypertable('telemetry', 'time',
                         chunk_time_interval => INTERVAL '1 day',
                         create_default_indexes => false);

CREATE INDEX telemetry_time_idx ON telemetry (time DESC, id DESC);
CREATE INDEX telemetry_sensor_idx ON telemetry (sensor_id, time DESC, id DESC);
CREATE INDEX telemetry_bssid_idx ON telemetry (bssid, time DESC, id DESC);

ALTER TABLE telemetry SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'sensor_id',
    timescaledb.compress_orderby = 'time DESC, id DESC'
);
SELECT add_compression_policy('telemetry', INTERVAL '2 days');
SELECT add_retention_policy('telemetry', INTERVAL '${telemetry_retention_days} days');

CREATE FUNCTION sentinel_telemetry_maintain(p_days_ahead integer, p_retention_days integer)
    RETURNS TABLE (action text, partition_name text)
    LANGUAGE plpgsql AS
$fn$
BEGIN
    -- chunks are created on demand by TimescaleDB; only retention needs doing
    FOR partition_name IN
        SELECT drop_chunks('telemetry', older_than => now() - make_interval(days => p_retention_days))
    LOOP
        action := 'dropped';
        RETURN NEXT;
    END LOOP;
END
$fn$;
