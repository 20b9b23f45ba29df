import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { REGISTER_FILTERS, type RegisterEntry, type RegisterInfo, registers } from '../../api.js';
import { RegionSelect } from '../../components/OrgSelect.js';
import { ErrorState, Loading } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';
import { useCan } from '../../session.js';
import { withFilters } from '../../util.js';
import { atPath, showValue, useRegisterDefs } from './common.js';

const PAGE_SIZE = 50;

export default function RegisterList() {
  const { key = '' } = useParams();
  const { t } = useI18n();
  const defs = useRegisterDefs();
  if (defs.isPending) return <Loading />;
  if (defs.error) return <ErrorState error={defs.error} onRetry={() => defs.refetch()} />;
  const def = defs.data.find((d) => d.key === key);
  if (!def) return <Result status="404" title={t('notFound')} subTitle={key} />;
  return <RegisterListView def={def} />;
}

function RegisterListView({ def }: { def: RegisterInfo }) {
  const { t, l, lang } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  useEffect(() => setText(params.get('q') ?? ''), [params]);

  // The list query is exactly the URL's filters, so a URL reproduces the view.
  const filters = new URLSearchParams();
  for (const k of REGISTER_FILTERS) {
    const v = params.get(k);
    if (v) filters.set(k, v);
  }
  for (const [k, v] of params) if (k.startsWith('ref.') && v) filters.set(k, v);
  const fkey = filters.toString();

  const list = useInfiniteQuery({
    queryKey: ['register', def.key, fkey],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams(filters);
      q.set('limit', String(PAGE_SIZE));
      if (pageParam) q.set('cursor', pageParam);
      return registers.list(def.key, q);
    },
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
  const count = useQuery({ queryKey: ['register-count', def.key, fkey], queryFn: () => registers.count(def.key, filters) });
  const items = (list.data?.pages ?? []).flatMap((p) => p.items);
  const total = count.data?.total;

  const set = (patch: Record<string, string | number | null | undefined>) => setParams(withFilters(params, patch));
  const statusLabel = (s: string | null) => (s ? (def.statuses?.[s] ? l(def.statuses[s]) : s) : '—');
  const from = params.get('from');
  const to = params.get('to');

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <div>
          <Typography.Title level={4} className="page-title" style={{ marginBottom: 4 }}>
            {l(def.label)}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{l(def.description)}</Typography.Paragraph>
        </div>
        <Space wrap style={{ marginBottom: 16 }}>
          {can(def.permissions.write) && (
            <Link to={`/registers/${def.key}/new`}>
              <Button type="primary" icon={<PlusOutlined />} data-testid="register-new">
                {t('newEntry')}
              </Button>
            </Link>
          )}
          {can(def.permissions.write) && (
            <Link to={`/registers/${def.key}/import`}>
              <Button icon={<UploadOutlined />} data-testid="register-import">
                {t('importEntries')}
              </Button>
            </Link>
          )}
          <Button icon={<DownloadOutlined />} href={registers.exportHref(def.key, filters)} data-testid="register-export">
            {t('exportEntries')}
          </Button>
        </Space>
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }} data-testid="register-filters">
          <Input.Search
            data-testid="register-filter-q"
            allowClear
            placeholder={t('filterRegisterText')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() })}
            style={{ width: 220 }}
          />
          {def.statuses && Object.keys(def.statuses).length > 0 && (
            <Select
              data-testid="register-filter-status"
              allowClear
              placeholder={t('colStatus')}
              value={params.get('status') || undefined}
              onChange={(v) => set({ status: v })}
              options={Object.entries(def.statuses).map(([value, label]) => ({ value, label: l(label) }))}
              style={{ width: 150 }}
            />
          )}
          <DatePicker.RangePicker
            data-testid="register-filter-dates"
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
          />
          <RegionSelect testId="register-filter-region" value={params.get('region') ?? undefined} onChange={(v) => set({ region: v })} />
        </Space>
        <div style={{ marginBottom: 8 }}>
          <Tag color="blue" data-testid="register-count">
            {total === undefined ? '…' : t('registerCount', { n: total })}
          </Tag>
        </div>
        {list.error ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<RegisterEntry>
            size="small"
            rowKey="id"
            loading={list.isFetching && !list.isFetchingNextPage}
            dataSource={items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="register-table"
            onRow={(r) => ({ 'data-testid': `register-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('colTitle'),
                dataIndex: 'title',
                render: (v: string, r) => (
                  <Link to={`/registers/${def.key}/${r.id}`} data-testid={`register-link-${r.id}`}>
                    {v}
                  </Link>
                ),
              },
              { title: t('colDate'), dataIndex: 'occurredOn', render: (v) => v ?? '—' },
              { title: t('colRegion'), dataIndex: 'regionName', render: (v, r) => v ?? r.regionCode ?? '—', responsive: ['md'] },
              ...(def.statuses ? [{ title: t('colStatus'), dataIndex: 'status', render: (v: string | null) => <Tag>{statusLabel(v)}</Tag> }] : []),
              ...def.columns.map((c) => ({
                key: c.key,
                title: l(c.label),
                render: (_: unknown, r: RegisterEntry) => showValue(def.inputSchema, c.key, atPath(r.data, c.key), lang),
                responsive: ['md' as const],
              })),
            ]}
          />
        )}
        {list.hasNextPage && (
          <Button block style={{ marginTop: 12 }} loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()} data-testid="register-more">
            {t('loadMore')}
          </Button>
        )}
      </Card>
    </>
  );
}
