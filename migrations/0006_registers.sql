-- Registers (kernel/registers): high-volume records with a simple lifecycle and full history.
-- One table for every register keeps adding one a matter of a declaration; the promoted columns are
-- what lists, counts and indicators filter on, so each of those reads one index range.
create table register_entry (
  id uuid primary key,
  register text not null,
  version int not null default 1,
  title text not null,
  -- Always set (the recording day by default) so keyset pages on (occurred_on, id) need no null handling.
  occurred_on date not null,
  region_code text references region(code),
  status text,
  natural_key text,
  parent_id uuid references register_entry(id),
  refs jsonb not null default '{}',
  data jsonb not null default '{}',
  -- Derived facts for indicators (risk counts …), written from the declaration, never by users.
  attrs jsonb not null default '{}',
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index register_entry_key_idx on register_entry (register, natural_key) where natural_key is not null;
-- Lists page backwards along this index; counts by period read it without touching the table.
create index register_entry_date_idx on register_entry (register, occurred_on, id) include (region_code, status);
create index register_entry_region_idx on register_entry (register, region_code, occurred_on);
create index register_entry_parent_idx on register_entry (parent_id, occurred_on, id) where parent_id is not null;
create index register_entry_refs_idx on register_entry using gin (refs jsonb_path_ops);

-- Every change, as the new values; the entry's history is its rows here in version order.
create table register_history (
  entry_id uuid not null references register_entry(id),
  version int not null,
  action text not null,               -- create | update | status | import
  actor_id uuid,
  actor_label text not null,
  at timestamptz not null default now(),
  change jsonb not null,
  primary key (entry_id, version)
);
