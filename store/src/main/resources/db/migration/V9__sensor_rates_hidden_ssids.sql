-- The heartbeat before the latest one, kept so that a sensor's rates (frames per second) are
-- measured over the interval between its last two heartbeats rather than since it started.
ALTER TABLE sensors
    ADD COLUMN previous_heartbeat timestamptz,
    ADD COLUMN previous_health    jsonb;

-- Whether the access point's beacons hide its SSID (an empty or all-zero SSID element), as its
-- telemetry shows: an interval with beacons, no probe responses and no SSID says hidden, one with
-- beacons, no probe responses and an SSID says not; NULL until such an interval is seen. A hidden
-- network's name, when the inventory has one, was learnt from its probe responses.
ALTER TABLE networks
    ADD COLUMN hidden boolean;
