-- Online mediation room (kernel/cases/messages.ts): staff and parties exchange messages and files on
-- a case whose manifest enables `messages`. Append-only; a party posts through the portal with the
-- 查询码 and the contact given at intake, so no personal data is stored with the message.
create table case_message (
  id uuid primary key,
  case_id uuid not null references fz_case(id),
  author_kind text not null check (author_kind in ('staff', 'party')),
  author_id uuid,
  author_label text not null,
  body text not null,
  attachment_id uuid references attachment(id),
  created_at timestamptz not null default now()
);
create index case_message_case_idx on case_message (case_id, created_at);
