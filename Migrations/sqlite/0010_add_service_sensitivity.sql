-- How readily the detector calls a service's spike a likely outage (issue 11): one of three expected
-- false-alarm rates, set with `outcry service set SLUG --sensitivity low|normal|high`. Existing services
-- get `normal`, the default.
ALTER TABLE service ADD COLUMN sensitivity TEXT NOT NULL DEFAULT 'normal'
    CHECK (sensitivity IN ('low', 'normal', 'high'));
