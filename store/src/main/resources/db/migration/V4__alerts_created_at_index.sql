-- The dashboard's live feed polls for alerts created since its last poll.
CREATE INDEX alerts_created_at_idx ON alerts (created_at DESC, id DESC);
