import { useQuery } from '@tanstack/react-query';
import { Alert, Select, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { type Agency, org } from '../api.js';
import { useI18n } from '../i18n.js';
import { regionTree } from '../util.js';
import { problemText } from './ui.js';

export function useRegions() {
  return useQuery({ queryKey: ['regions'], queryFn: org.regions, staleTime: 60 * 60 * 1000 });
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
  const list = useQuery({
    queryKey: ['agencies', region ?? '', q],
    queryFn: () => org.agencies({ region, q: q || undefined }),
    staleTime: 5 * 60 * 1000,
  });
  const options = (list.data ?? []).map((a: Agency) => ({ value: a.id, label: a.name }));
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
