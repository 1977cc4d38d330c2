-- The steward's screen (issue 19, docs/devices.md §5): an admission can be undone (a scan row of
-- type `undo`, result `undone`), a device's last scans are read by (event, device), and an event
-- may allow name search at the gate (`gate_lookup`: none | name).
ALTER TABLE scans DROP CONSTRAINT scans_type_check;
ALTER TABLE scans ADD CONSTRAINT scans_type_check
  CHECK (type IN ('entry','exit','attendance','entry_check','sale_confirmation','undo'));
-- A device's last scans at an event (the steward's screen).
CREATE INDEX scans_device ON scans(event_id, device_id, id);

ALTER TABLE events ADD COLUMN gate_lookup TEXT NOT NULL DEFAULT 'none' CHECK (gate_lookup IN ('none','name'));
