import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Select, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CASE_FILTERS, cases } from '../api.js';
import { CaseTable } from '../components/CaseTable.js';
import { RegionSelect } from '../components/OrgSelect.js';
import { ErrorState } from '../components/ui.js';
import { useI18n } from '../i18n.js';
import { useCan, useCaseTypes } from '../session.js';
import { withFilters } from '../util.js';

const DEFAULT_PAGE_SIZE = 20;

export default function CaseList() {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const types = useCaseTypes();
  const type = params.get('type') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE;
  const [text, setText] = useState(params.get('q') ?? '');
  useEffect(() => setText(params.get('q') ?? ''), [params]);

  // The list query is exactly the URL's filters (plus paging), so a URL reproduces the view.
  const listQuery = new URLSearchParams();
  for (const k of CASE_FILTERS) {
    const v = params.get(k);
    if (v) listQuery.set(k, v);
  }
  const exportQuery = new URLSearchParams(listQuery);
  listQuery.set('page', String(page));
  listQuery.set('pageSize', String(pageSize));

  const q = useQuery({
    queryKey: ['cases', listQuery.toString()],
    queryFn: () => cases.list(listQuery),
    placeholderData: keepPreviousData,
  });

  const set = (patch: Record<string, string | number | null | undefined>) => setParams(withFilters(params, patch));
  const current = types.data?.find((x) => x.type === type);
  const typeLabel = (tp: string) => l(types.data?.find((x) => x.type === tp)?.label) || tp;
  const stateOptions = current
    ? Object.entries(current.states).map(([value, s]) => ({ value, label: l(s.label) }))
    : [];
  const from = params.get('from');
  const to = params.get('to');

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} className="page-title">
          {t('casesTitle')}
        </Typography.Title>
        <Space wrap style={{ marginBottom: 16 }}>
          {current && can(current.create.permission) && (
            <Link to={`/cases/new/${current.type}`}>
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-case">
                {t('newCase')}
              </Button>
            </Link>
          )}
          {can('case.export') && (
            <Button icon={<DownloadOutlined />} href={cases.exportHref(exportQuery)} data-testid="export-excel">
              {t('exportExcel')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small">
        <Tabs
          activeKey={type || 'all'}
          onChange={(k) => set({ type: k === 'all' ? '' : k, state: '' })}
          items={[
            { key: 'all', label: <span data-testid="tab-all">{t('allTypes')}</span> },
            ...(types.data ?? []).map((ct) => ({ key: ct.type, label: <span data-testid={`tab-${ct.type}`}>{l(ct.label)}</span> })),
          ]}
        />
        <Space wrap style={{ marginBottom: 12 }} data-testid="case-filters">
          <Input.Search
            data-testid="filter-q"
            allowClear
            placeholder={t('filterText')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() })}
            style={{ width: 220 }}
          />
          {current && (
            <Select
              data-testid="filter-state"
              allowClear
              placeholder={t('filterState')}
              value={params.get('state') || undefined}
              onChange={(v) => set({ state: v })}
              options={stateOptions}
              style={{ width: 150 }}
            />
          )}
          <Select
            data-testid="filter-category"
            allowClear
            placeholder={t('filterCategory')}
            value={params.get('category') || undefined}
            onChange={(v) => set({ category: v })}
            options={[
              { value: 'open', label: t('catOpen') },
              { value: 'paused', label: t('catPaused') },
              { value: 'closed', label: t('catClosed') },
            ]}
            style={{ width: 120 }}
          />
          <Select
            data-testid="filter-due"
            allowClear
            placeholder={t('filterDue')}
            value={params.get('due') || undefined}
            onChange={(v) => set({ due: v })}
            options={[
              { value: 'overdue', label: t('overdue') },
              { value: 'due_soon', label: t('dueSoon') },
            ]}
            style={{ width: 120 }}
          />
          <DatePicker.RangePicker
            data-testid="filter-dates"
            placeholder={[t('filterDate'), t('filterDate')]}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            allowEmpty={[true, true]}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <RegionSelect testId="filter-region" value={params.get('region') ?? undefined} onChange={(v) => set({ region: v })} placeholder={t('filterRegion')} />
          <Select
            data-testid="filter-sort"
            value={params.get('sort') || 'due'}
            onChange={(v) => set({ sort: v === 'due' ? '' : v })}
            options={[
              { value: 'due', label: t('sortDue') },
              { value: 'received', label: t('sortReceived') },
              { value: 'number', label: t('sortNumber') },
            ]}
            style={{ width: 130 }}
          />
          <Button onClick={() => setParams(type ? new URLSearchParams({ type }) : new URLSearchParams())} data-testid="filter-reset">
            {t('reset')}
          </Button>
        </Space>
        {q.error ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <CaseTable
            items={q.data?.items ?? []}
            loading={q.isFetching}
            showType={!type}
            typeLabel={typeLabel}
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('total', { n }),
              onChange: (p, ps) => set({ page: p === 1 ? '' : p, pageSize: ps === DEFAULT_PAGE_SIZE ? '' : ps }),
            }}
          />
        )}
      </Card>
    </>
  );
}
