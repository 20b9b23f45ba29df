-- Identity and org additions.
-- role.customised: an admin edited a built-in role; seeding then leaves it alone instead of resetting it.
alter table role add column customised boolean not null default false;

-- Two agencies with the same name in one region are one agency entered twice.
create unique index agency_region_name_uq on agency (region_code, name);

-- Lookups behind resolveActor and logout-everywhere.
create index user_session_user_idx on user_session (user_id);
