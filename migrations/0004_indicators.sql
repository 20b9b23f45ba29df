-- Indicators (kernel/indicators): a city-year figure reads one index range instead of the table.
-- Every indicator places a case in a period by (type, closed_on) or (type, received_on) and then
-- filters on region, outcome, state category or agency. With those columns INCLUDEd the planner
-- answers outcome-based figures (纠错率, 败诉率, 审结数…) with an index-only scan: the heap is read only
-- for attrs-based filters (出庭率) and for pages not yet marked all-visible by (auto)vacuum.
create index fz_case_ind_closed_idx on fz_case (type, closed_on)
  include (region_code, outcome, state_category, agency_id, subject_agency_id) where closed_on is not null;
create index fz_case_ind_received_idx on fz_case (type, received_on)
  include (region_code, outcome, state_category, agency_id, subject_agency_id);
