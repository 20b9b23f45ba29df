import { useQuery } from '@tanstack/react-query';
import { Alert, Cascader, Select, TreeSelect } from 'antd';
import { createContext, useContext, useMemo, useState } from 'react';
import { cases, org, portal, registers } from '../api.js';
import { useI18n } from '../i18n.js';
import { useCaseTypes } from '../session.js';
import { categoryPath, categoryTree, regionTree, townTree } from '../util.js';
import { problemText } from './ui.js';

/** The region tree; on the portal (no login) from the public list. */
export function useRegions() {
  const isPortal = useContext(PortalModeContext);
  return useQuery({ queryKey: ['regions', isPortal ? 'portal' : 'staff'], queryFn: isPortal ? portal.regions : org.regions, staleTime: 60 * 60 * 1000 });
}

export function RegionSelect({
  value,
  onChange,
  maxDepth,
  placeholder,
  allowClear = true,
  style,
  testId,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  maxDepth?: number;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { t } = useI18n();
  const q = useRegions();
  const tree = useMemo(() => regionTree(q.data ?? [], maxDepth), [q.data, maxDepth]);
  return (
    <TreeSelect
      data-testid={testId}
      style={{ minWidth: 180, ...style }}
      value={value || undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={tree}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('chooseRegion')}
      loading={q.isPending}
      status={q.error ? 'warning' : undefined}
      treeDefaultExpandAll={false}
      popupMatchSelectWidth={false}
    />
  );
}

/** True under the public portal: no session, so lists come from the public endpoints. */
export const PortalModeContext = createContext(false);

/** Agency picker searching the server as the user types (value = id, label = name). */
export function AgencySelect({
  value,
  onChange,
  region,
  placeholder,
  style,
  testId,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  region?: string;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const isPortal = useContext(PortalModeContext);
  const list = useQuery({
    queryKey: ['agencies', isPortal ? 'portal' : 'staff', region ?? '', q],
    queryFn: async (): Promise<{ id: string; name: string; regionName: string }[]> =>
      isPortal ? portal.agencies(q || undefined) : org.agencies({ region, q: q || undefined }),
    staleTime: 5 * 60 * 1000,
  });
  // The same name exists in several counties (e.g. 公安局): show where, so the right one is picked.
  const options = (list.data ?? []).map((a) => ({
    value: a.id,
    label: a.name.startsWith(a.regionName) ? a.name : `${a.name}（${a.regionName}）`,
  }));
  return (
    <Select
      data-testid={testId}
      style={{ minWidth: 200, ...style }}
      value={value || undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      options={options}
      loading={list.isFetching}
      placeholder={placeholder ?? t('searchAgency')}
      notFoundContent={list.error ? <Alert type="warning" title={problemText(lang, list.error).title} /> : undefined}
    />
  );
}

/** Picks a case the user can see, searched by number or title (value = id), e.g. the 复议 a lawsuit follows. */
export function CaseSelect({
  value,
  onChange,
  typeHint,
  testId,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  typeHint?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const types = useCaseTypes();
  const type = types.data?.some((x) => x.type === typeHint) ? typeHint : undefined;
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['case-pick', type ?? '', q],
    queryFn: () => cases.list(new URLSearchParams({ ...(type ? { type } : {}), ...(q ? { q } : {}), pageSize: '20', sort: 'number' })),
    staleTime: 60 * 1000,
  });
  // The chosen case stays labelled after the search text changes.
  const chosen = useQuery({ queryKey: ['case-label', value], queryFn: () => cases.get(value ?? ''), enabled: !!value, staleTime: 60 * 1000 });
  const items = list.data?.items ?? [];
  const options = items.map((c) => ({ value: c.id, label: `${c.number ?? t('noNumber')} ${c.title}` }));
  if (value && chosen.data && !items.some((c) => c.id === value))
    options.unshift({ value, label: `${chosen.data.number ?? t('noNumber')} ${chosen.data.title}` });
  return <ServerSearchSelect testId={testId} value={value} onChange={onChange} onSearch={setQ} options={options} loading={list.isFetching} error={list.error} placeholder={t('searchCase')} />;
}

/** Dispute categories: the public list under the portal, the staff list otherwise. */
export function useDisputeCategories(enabled = true) {
  const isPortal = useContext(PortalModeContext);
  return useQuery({
    enabled,
    queryKey: ['mediation-categories', isPortal ? 'portal' : 'staff'],
    queryFn: isPortal ? portal.mediationCategories : org.mediationCategories,
    staleTime: 60 * 60 * 1000,
  });
}

/** 纠纷类别 as a two-level cascader (value = the leaf's code). */
export function CategorySelect({ value, onChange, testId }: { value?: string; onChange?: (v: string | undefined) => void; testId?: string }) {
  const { t, lang } = useI18n();
  const q = useDisputeCategories();
  const options = useMemo(() => categoryTree(q.data ?? [], lang), [q.data, lang]);
  return (
    <Cascader
      data-testid={testId}
      style={{ width: '100%' }}
      options={options}
      value={categoryPath(q.data ?? [], value)}
      onChange={(path) => onChange?.(path?.length ? String(path[path.length - 1]) : undefined)}
      showSearch
      placeholder={t('categoryPick')}
      loading={q.isPending}
      status={q.error ? 'warning' : undefined}
      notFoundContent={q.error ? <Alert type="warning" title={problemText(lang, q.error).title} /> : undefined}
      popupClassName="category-popup"
    />
  );
}

/** A town (乡镇、街道, 9-digit code) under its county; the portal uses the public region list. */
export function TownSelect({ value, onChange, testId }: { value?: string; onChange?: (v: string | undefined) => void; testId?: string }) {
  const { t, lang } = useI18n();
  const q = useRegions();
  const tree = useMemo(() => townTree(q.data ?? []), [q.data]);
  return (
    <TreeSelect
      data-testid={testId}
      style={{ width: '100%' }}
      value={value || undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={tree}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={t('townPick')}
      loading={q.isPending}
      status={q.error ? 'warning' : undefined}
      notFoundContent={q.error ? <Alert type="warning" title={problemText(lang, q.error).title} /> : undefined}
    />
  );
}

/** An entry of a register (an aid lawyer, a firm), searched by title as the user types (value = id). */
export function RegisterSelect({ value, onChange, register, testId }: { value?: string; onChange?: (v: string | undefined) => void; register: string; testId?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['register-pick', register, q],
    queryFn: () => registers.list(register, new URLSearchParams({ limit: '30', ...(q ? { q } : {}) })),
    staleTime: 60 * 1000,
  });
  const chosen = useQuery({ queryKey: ['register-entry', register, value], queryFn: () => registers.get(register, value ?? ''), enabled: !!value, staleTime: 60 * 1000 });
  const items = list.data?.items ?? [];
  const options = items.map((e) => ({ value: e.id, label: e.title }));
  if (value && chosen.data && !items.some((e) => e.id === value)) options.unshift({ value, label: chosen.data.title });
  return <ServerSearchSelect testId={testId} value={value} onChange={onChange} onSearch={setQ} options={options} loading={list.isFetching} error={list.error} placeholder={t('searchEntry')} />;
}

/** A select whose options come from a server search (the browser does not filter them again). */
function ServerSearchSelect(p: {
  testId?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  onSearch: (q: string) => void;
  options: { value: string; label: string }[];
  loading: boolean;
  error: unknown;
  placeholder: string;
}) {
  const { lang } = useI18n();
  return (
    <Select
      data-testid={p.testId}
      style={{ minWidth: 200 }}
      value={p.value || undefined}
      onChange={(v) => p.onChange?.(v ?? undefined)}
      showSearch={{ filterOption: false, onSearch: p.onSearch }}
      allowClear
      options={p.options}
      loading={p.loading}
      placeholder={p.placeholder}
      notFoundContent={p.error ? <Alert type="warning" title={problemText(lang, p.error).title} /> : undefined}
    />
  );
}
