-- Kernel schema: org, identity, settings, cases (engine), clocks, events, links, attachments,
-- numbering, outbox, idempotency, audit. PostgreSQL 15 SQL (also runs on PGlite 18).
-- Modules add their own tables in their own numbered files (see ARCHITECTURE.md).

create table region (
  code text primary key,               -- GB/T 2260 (6 digits) or NBS town code (9 digits)
  name text not null,
  level text not null check (level in ('province','city','county','town','village')),
  parent_code text references region(code),
  path text not null                   -- '/330000/330400/330402/' — subtree test is a prefix match
);
create index region_path_idx on region (path text_pattern_ops);

create table agency (
  id uuid primary key,
  name text not null,
  short_name text,
  kind text not null default 'department',   -- government | department | justice_bureau | court | other
  region_code text not null references region(code),
  credit_code text unique,                    -- GB 32100, validated in code
  parent_id uuid references agency(id),
  abbr text,                                  -- 文号/案号 abbreviation, e.g. 嘉
  created_at timestamptz not null default now()
);
create index agency_region_idx on agency (region_code);

create table role (
  key text primary key,
  name_zh text not null,
  name_en text not null,
  permissions text[] not null default '{}',
  builtin boolean not null default false
);

create table app_user (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  roles text[] not null default '{}',
  agency_id uuid references agency(id),
  region_code text not null references region(code),   -- root of the data scope
  agency_only boolean not null default false,           -- 法制员: own agency only
  failed_logins int not null default 0,
  locked_until timestamptz,
  must_change_password boolean not null default false,
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table user_session (
  id text primary key,              -- SM3 of the cookie token; the token itself is never stored
  user_id uuid not null references app_user(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create table setting (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by uuid
);

create table fz_case (
  id uuid primary key,
  type text not null,
  number text,                         -- 案号, assigned by the action the manifest names
  title text not null,
  state text not null,
  state_category text not null check (state_category in ('open','paused','closed')),
  outcome text,
  region_code text not null references region(code),
  agency_id uuid references agency(id),        -- the handling organ (复议机关 / 应诉机关)
  subject_agency_id uuid references agency(id),-- the agency whose act is at issue (被申请人 / 被告)
  assignee_id uuid references app_user(id),
  version int not null default 1,
  head_hash text not null,             -- SM3 hash of the newest event: detects a dropped tail
  received_on date not null,           -- civil date (Asia/Shanghai)
  closed_on date,
  data jsonb not null default '{}',    -- facts captured by the mechanism's forms
  attrs jsonb not null default '{}',   -- facts the indicators read (declared in the manifest)
  tracking_code text unique,           -- 查询码 for public submissions
  tracking_secret text,                -- HMAC of phone/ID given at submission
  source text not null default 'staff',-- portal | staff | import | demo
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index fz_case_type_closed_idx on fz_case (type, closed_on);
create index fz_case_type_region_idx on fz_case (type, region_code);
create index fz_case_agency_idx on fz_case (agency_id);
create index fz_case_subject_idx on fz_case (subject_agency_id);
create index fz_case_open_idx on fz_case (type, state_category) where state_category <> 'closed';

create table case_number_seq (
  scope_key text not null,            -- e.g. 'reconsideration:<agency id>'
  year int not null,
  next_value int not null,
  primary key (scope_key, year)
);

create table party (
  id uuid primary key,
  case_id uuid not null references fz_case(id) on delete cascade,
  role text not null,                 -- applicant | respondent | third_party | plaintiff | defendant | agent
  kind text not null check (kind in ('person','org','agency')),
  name text not null,
  agency_id uuid references agency(id),
  credit_code text,
  id_number_enc text,                 -- SM4-CTR + HMAC-SM3 envelope
  id_number_hash text,                -- HMAC-SM3 for exact lookup
  phone_enc text,
  phone_hash text,
  address_enc text,
  created_at timestamptz not null default now()
);
create index party_case_idx on party (case_id);

create table case_event (
  seq bigserial primary key,
  id uuid not null unique,
  case_id uuid not null references fz_case(id),
  n int not null,                     -- 1,2,3… within the case (= case version after this event)
  action text not null,
  actor_id uuid,
  actor_label text not null,
  at timestamptz not null,
  effective_on date not null,         -- civil date the act took legal effect (drives clocks)
  state_from text,
  state_to text not null,
  payload jsonb not null default '{}',
  prev_hash text not null,
  hash text not null,
  unique (case_id, n)
);

create table case_clock (
  case_id uuid not null references fz_case(id) on delete cascade,
  key text not null,
  status text not null,               -- running | paused | met | missed | stopped
  started_on date not null,
  due_on date not null,
  stopped_on date,
  provisional boolean not null default false,
  detail jsonb not null default '{}', -- rule, pauses, extension, explanation
  primary key (case_id, key)
);
create index case_clock_due_idx on case_clock (due_on) where status in ('running','paused');

create table case_link (
  id uuid primary key,
  from_case_id uuid not null references fz_case(id),
  to_case_id uuid not null references fz_case(id),
  relation text not null,
  note text,
  created_at timestamptz not null default now(),
  created_by uuid,
  unique (from_case_id, to_case_id, relation)
);

create table attachment (
  id uuid primary key,
  case_id uuid not null references fz_case(id),
  kind text not null,                 -- evidence | defence | generated | other
  filename text not null,
  mime text not null,
  size int not null,
  sha256 text not null,
  content bytea not null,
  uploaded_by text not null,
  created_at timestamptz not null default now()
);
create index attachment_case_idx on attachment (case_id);

create table outbox (
  id bigserial primary key,
  topic text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  available_at timestamptz not null default now(),
  attempts int not null default 0,
  processed_at timestamptz,
  dead boolean not null default false,
  last_error text
);
create index outbox_pending_idx on outbox (available_at) where processed_at is null and not dead;

create table idempotency_key (
  scope text not null,
  key text not null,
  request_hash text not null,
  status int not null,
  body jsonb not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

create table audit_log (
  seq bigserial primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_label text not null,
  action text not null,               -- login | login_failed | export | read_personal_data | user_change …
  target text,
  detail jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);

create table audit_head (
  id int primary key check (id = 1),
  hash text not null,
  seq bigint not null
);
insert into audit_head (id, hash, seq) values (1, '0000000000000000000000000000000000000000000000000000000000000000', 0);
