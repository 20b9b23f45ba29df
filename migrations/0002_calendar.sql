-- Official working-day calendar: only exceptions to Mon–Fri are stored.
create table calendar_day (
  day date primary key,
  kind text not null check (kind in ('holiday','workday')),  -- holiday = 法定假日/调休休息; workday = 调休上班
  name text not null
);
create table calendar_year (
  year int primary key,
  source text not null,               -- chinese-days | 国办发明电〔…〕 import | admin
  loaded_at timestamptz not null default now()
);
