-- The fleet configuration (monitored networks, sensor profiles, their assignment), versioned as
-- a whole: every save and every rollback is a new row, never an update; the newest row is the
-- current configuration. Who saved it and why are kept beside the document; the audit log holds
-- the same change with its diff.
CREATE TABLE fleet_config_versions (
    version      integer     PRIMARY KEY CHECK (version >= 1),
    document     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    comment      text,
    rollback_of  integer     REFERENCES fleet_config_versions (version)
);

-- What each sensor reported of its configuration: the version it runs and the outcome of its last
-- attempt to apply one (a refused version with the reason).
CREATE TABLE sensor_config_state (
    sensor_id       text        PRIMARY KEY,
    applied_version integer,
    result          text        CHECK (result IN ('applied', 'refused')),
    refused_version integer,
    error           text,
    reported_at     timestamptz NOT NULL
);
