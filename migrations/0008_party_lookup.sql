-- Looking parties up: the similar-dispute check at intake (same phone, same name) starts from the
-- few party rows that match instead of visiting every open case.
create index party_phone_hash_idx on party (phone_hash) where phone_hash is not null;
create index party_name_idx on party (name);

-- A mediator's workload (open disputes naming them, or led by their account) is read at every intake
-- to pick the least loaded mediator: both parts are index look-ups over open cases only.
create index fz_case_open_mediator_idx on fz_case using gin ((data -> 'mediatorIds'))
  where type = 'mediation' and state_category <> 'closed';
create index fz_case_open_assignee_idx on fz_case (assignee_id) where assignee_id is not null and state_category <> 'closed';
