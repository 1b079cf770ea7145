-- SSIDs keep the bytes they had on the air: `ssid_bytes` holds them exactly (NUL bytes and bytes
-- that are not UTF-8 included), and `ssid` holds their display form, in which control, format
-- (bidi, zero-width) and separator characters are written as \uHHHH and a backslash as
-- \\ (the rules of io.sentinel.protocol.wire.Ssid#display). Text columns cannot hold NUL, so
-- before this migration an SSID with a NUL byte could not be stored at all.

ALTER TABLE telemetry ADD COLUMN ssid_bytes bytea;
ALTER TABLE networks ADD COLUMN ssid_bytes bytea;
ALTER TABLE alerts ADD COLUMN ssid_bytes bytea;

-- Rows written before this migration: their text was valid UTF-8 without NUL, so its UTF-8
-- encoding is the SSID's bytes; the display form escapes what the old text showed raw. Telemetry
-- is not rewritten (it can be large and expires by retention); its readers fall back to the text.
CREATE FUNCTION sentinel_ssid_display_v5(s text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS
$fn$
DECLARE
    out  text := '';
    ch   text;
    code integer;
BEGIN
    IF s IS NULL THEN
        RETURN NULL;
    END IF;
    FOREACH ch IN ARRAY regexp_split_to_array(s, '') LOOP
        code := ascii(ch);
        IF ch = '\' THEN
            out := out || '\\';
        ELSIF code < 32 OR code = 127 OR (code BETWEEN 128 AND 160) OR code IN (173, 1564, 5760, 6158, 8239, 8287, 12288, 65279)
              OR (code BETWEEN 8192 AND 8207) OR (code BETWEEN 8232 AND 8238) OR (code BETWEEN 8288 AND 8303)
              OR (code BETWEEN 65529 AND 65531) THEN
            out := out || '\u' || upper(lpad(to_hex(code), 4, '0'));
        ELSE
            out := out || ch;
        END IF;
    END LOOP;
    RETURN out;
END
$fn$;

UPDATE networks SET ssid_bytes = convert_to(ssid, 'UTF8'), ssid = sentinel_ssid_display_v5(ssid)
 WHERE ssid IS NOT NULL;
UPDATE alerts SET ssid_bytes = convert_to(ssid, 'UTF8'), ssid = sentinel_ssid_display_v5(ssid)
 WHERE ssid IS NOT NULL;

DROP FUNCTION sentinel_ssid_display_v5(text);
