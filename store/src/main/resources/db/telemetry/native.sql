-- Telemetry on plain PostgreSQL: a table range-partitioned by day on "time" (the item's
-- last_seen), a default partition for rows outside the created days, and a maintenance
-- function that creates days ahead and drops days older than the retention.

CREATE TABLE sentinel_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO sentinel_meta (key, value) VALUES ('telemetry_storage', 'native');

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
) PARTITION BY RANGE (time);

ALTER SEQUENCE telemetry_id_seq OWNED BY telemetry.id;

CREATE TABLE telemetry_default PARTITION OF telemetry DEFAULT;

CREATE INDEX telemetry_time_idx ON telemetry (time DESC, id DESC);
CREATE INDEX telemetry_sensor_idx ON telemetry (sensor_id, time DESC, id DESC);
CREATE INDEX telemetry_bssid_idx ON telemetry (bssid, time DESC, id DESC);

-- Creates the daily partitions from yesterday to p_days_ahead days ahead (UTC days), moving any
-- rows of those days out of the default partition first; drops daily partitions whose day ended
-- more than p_retention_days ago and deletes such rows from the default partition.
CREATE FUNCTION sentinel_telemetry_maintain(p_days_ahead integer, p_retention_days integer)
    RETURNS TABLE (action text, partition_name text)
    LANGUAGE plpgsql AS
$fn$
DECLARE
    today  date := (now() AT TIME ZONE 'UTC')::date;
    cutoff date := (now() AT TIME ZONE 'UTC')::date - p_retention_days;
    d      date;
    lo     timestamptz;
    hi     timestamptz;
    part   text;
    n      bigint;
BEGIN
    FOR d IN SELECT g::date FROM generate_series(today - 1, today + p_days_ahead, interval '1 day') AS g LOOP
        part := 'telemetry_p' || to_char(d, 'YYYYMMDD');
        CONTINUE WHEN to_regclass(part) IS NOT NULL OR d < cutoff;
        lo := d::timestamp AT TIME ZONE 'UTC';
        hi := (d + 1)::timestamp AT TIME ZONE 'UTC';
        EXECUTE format('CREATE TABLE %I (LIKE telemetry INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
        EXECUTE format('WITH moved AS (DELETE FROM telemetry_default WHERE time >= %L AND time < %L RETURNING *) '
                       'INSERT INTO %I SELECT * FROM moved', lo, hi, part);
        EXECUTE format('ALTER TABLE telemetry ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
        action := 'created';
        partition_name := part;
        RETURN NEXT;
    END LOOP;

    FOR part IN
        SELECT c.relname
          FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'telemetry'::regclass
           AND c.relname ~ '^telemetry_p[0-9]{8}$'
         ORDER BY c.relname
    LOOP
        IF to_date(substr(part, 12), 'YYYYMMDD') < cutoff THEN
            EXECUTE format('DROP TABLE %I', part);
            action := 'dropped';
            partition_name := part;
            RETURN NEXT;
        END IF;
    END LOOP;

    DELETE FROM telemetry_default WHERE time < (cutoff::timestamp AT TIME ZONE 'UTC');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
        action := 'deleted ' || n || ' rows';
        partition_name := 'telemetry_default';
        RETURN NEXT;
    END IF;
END
$fn$;

SELECT * FROM sentinel_telemetry_maintain(7, ${telemetry_retention_days});
