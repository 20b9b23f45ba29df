-- 人民调解 (src/modules/mediation): the dispute taxonomy, committees and routing rules. Rules and the
-- taxonomy are data an administrator edits; the seeds below are the defaults of a Zhejiang 矛调中心.

create table dispute_category (
  code text primary key,
  parent_code text references dispute_category(code),
  name_zh text not null,
  name_en text not null,
  sort int not null default 0,
  committee_industry text                  -- the 行业性专业性 committee this kind of dispute belongs to, if any
);
create index dispute_category_parent_idx on dispute_category (parent_code);

-- A 人民调解委员会 is an agency (kind 'mediation_committee'); this row says what kind of committee it is.
create table mediation_committee (
  agency_id uuid primary key references agency(id),
  level text not null check (level in ('village', 'town', 'county', 'industry')),
  industry text,                           -- 物业 / 医疗 / 交通事故 / 劳动 … for level 'industry'
  accepts text[] not null default '{}'     -- category codes it takes; empty = any
);
create index mediation_committee_level_idx on mediation_committee (level, industry);

create table routing_rule (
  id uuid primary key,
  priority int not null,                   -- lower first
  category_codes text[] not null default '{}',  -- empty = any category
  target text not null check (target in ('industry', 'village', 'town', 'county')),
  industry text,
  note_zh text not null,
  note_en text not null,
  active boolean not null default true
);
create index routing_rule_priority_idx on routing_rule (priority) where active;

insert into dispute_category (code, parent_code, name_zh, name_en, sort, committee_industry) values
  ('marriage_family', null, '婚姻家庭纠纷', 'Marriage and family', 10, null),
  ('neighbour', null, '邻里纠纷', 'Neighbours', 20, null),
  ('property_mgmt', null, '物业纠纷', 'Property management', 30, '物业'),
  ('labour', null, '劳动争议', 'Labour disputes', 40, '劳动'),
  ('contract', null, '合同纠纷', 'Contracts', 50, null),
  ('traffic', null, '交通事故纠纷', 'Traffic accidents', 60, '交通事故'),
  ('medical', null, '医疗纠纷', 'Medical disputes', 70, '医疗'),
  ('consumer', null, '消费纠纷', 'Consumer disputes', 80, null),
  ('land', null, '土地/征迁纠纷', 'Land and expropriation', 90, null),
  ('enterprise', null, '涉企纠纷', 'Business disputes', 100, null),
  ('other', null, '其他纠纷', 'Other disputes', 999, null),
  ('marriage_divorce', 'marriage_family', '离婚纠纷', 'Divorce', 11, null),
  ('marriage_support', 'marriage_family', '赡养抚养纠纷', 'Support and maintenance', 12, null),
  ('marriage_inheritance', 'marriage_family', '继承纠纷', 'Inheritance', 13, null),
  ('neighbour_boundary', 'neighbour', '宅基地相邻纠纷', 'Boundaries and adjoining land', 21, null),
  ('neighbour_noise', 'neighbour', '噪音、漏水纠纷', 'Noise and leaks', 22, null),
  ('property_fee', 'property_mgmt', '物业费纠纷', 'Service charges', 31, '物业'),
  ('labour_wages', 'labour', '拖欠工资', 'Unpaid wages', 41, '劳动'),
  ('labour_injury', 'labour', '工伤赔偿', 'Work injury compensation', 42, '劳动'),
  ('contract_loan', 'contract', '民间借贷纠纷', 'Private loans', 51, null),
  ('land_demolition', 'land', '征地拆迁补偿纠纷', 'Expropriation compensation', 91, null);

insert into routing_rule (id, priority, category_codes, target, industry, note_zh, note_en) values
  ('0a7b0001-0000-4000-8000-000000000001', 10, '{property_mgmt,property_fee}', 'industry', '物业',
   '物业纠纷交县级物业纠纷人民调解委员会', 'Property disputes go to the county property dispute mediation committee'),
  ('0a7b0001-0000-4000-8000-000000000002', 20, '{medical}', 'industry', '医疗',
   '医疗纠纷交县级医疗纠纷人民调解委员会', 'Medical disputes go to the county medical dispute mediation committee'),
  ('0a7b0001-0000-4000-8000-000000000003', 30, '{traffic}', 'industry', '交通事故',
   '交通事故纠纷交县级交通事故纠纷人民调解委员会', 'Traffic accident disputes go to the county traffic accident mediation committee'),
  ('0a7b0001-0000-4000-8000-000000000004', 40, '{labour,labour_wages,labour_injury}', 'industry', '劳动',
   '劳动争议交县级劳动争议人民调解委员会', 'Labour disputes go to the county labour dispute mediation committee'),
  ('0a7b0001-0000-4000-8000-000000000009', 1000, '{}', 'town', null,
   '其他纠纷交纠纷发生地乡镇（街道）人民调解委员会', 'Other disputes go to the town committee where the dispute arose');
