/**
 * The cockpit below the headline rates: every declared indicator, one section per mechanism, and a
 * town × indicator heat table for disputes. Figures come from the indicator API each time and drill
 * down to their records like the headline cards.
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Popover, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { type Group, type IndicatorInfo, indicators } from '../api.js';
import { ErrorState } from '../components/ui.js';
import { type Bi, type StringKey, strings, useI18n } from '../i18n.js';
import { formatValue, heatColor, yearBounds } from '../util.js';

export interface DrillRequest {
  key: string;
  label: Bi;
  part: 'numerator' | 'denominator';
  /** One group of a breakdown; `groupBy` when the key alone does not say which (a category code). */
  group?: { key: string; label: string; groupBy?: 'dimension' };
}

/** Sections in the order of the city's report: 复议, 应诉, 调解, 法律援助, 企业法律服务, then any other. */
const SECTION_ORDER = ['reconsideration', 'litigation', 'mediation', 'legal_aid', 'legal_services'];
/** The dispute mechanism whose indicators the town heat table shows, at most this many columns. */
const HEAT_TYPE = 'mediation';
const HEAT_MAX_COLUMNS = 4;

export function sectionsOf(list: IndicatorInfo[]): { type: string; typeLabel?: Bi; items: IndicatorInfo[] }[] {
  const byType = new Map<string, IndicatorInfo[]>();
  for (const i of list) byType.set(i.type, [...(byType.get(i.type) ?? []), i]);
  const rank = (t: string) => (SECTION_ORDER.includes(t) ? SECTION_ORDER.indexOf(t) : SECTION_ORDER.length);
  return [...byType.entries()]
    .sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
    .map(([type, items]) => ({ type, typeLabel: items[0].typeLabel, items }));
}

export function CockpitSections({ year, region, onDrill }: { year: number; region?: string; onDrill: (d: DrillRequest) => void }) {
  const { t, l } = useI18n();
  const list = useQuery({ queryKey: ['indicator-list'], queryFn: indicators.list, staleTime: 10 * 60 * 1000 });
  if (list.isPending) return <Skeleton active />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const sections = sectionsOf(list.data);
  const heat = list.data.filter((i) => i.type === HEAT_TYPE).slice(0, HEAT_MAX_COLUMNS);
  const sectionTitle = (type: string, label?: Bi) => {
    const k = `module_${type}` as StringKey;
    return k in strings ? t(k) : l(label) || type;
  };
  return (
    <>
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('cockpitSections')}
      </Typography.Title>
      {sections.map((s) => (
        <Card key={s.type} size="small" title={sectionTitle(s.type, s.typeLabel)} data-testid={`section-${s.type}`}>
          <Row gutter={[12, 12]}>
            {s.items.map((i) => (
              <Col key={i.key} xs={12} md={8} xl={6}>
                <IndicatorTile info={i} year={year} region={region} onDrill={onDrill} />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
      {heat.length > 0 && <HeatTable cols={heat} year={year} region={region} onDrill={onDrill} by="town" />}
      {heat.some((i) => i.dimension) && <HeatTable cols={heat.filter((i) => i.dimension)} year={year} region={region} onDrill={onDrill} by="dimension" />}
    </>
  );
}

function IndicatorTile({ info, year, region, onDrill }: { info: IndicatorInfo; year: number; region?: string; onDrill: (d: DrillRequest) => void }) {
  const { t, l, lang } = useI18n();
  const { from, to } = yearBounds(year);
  const q = useQuery({ queryKey: ['indicator', info.key, year, region ?? ''], queryFn: () => indicators.value(info.key, { from, to, region }) });
  const v = q.data;
  const drill = (part: DrillRequest['part']) => onDrill({ key: info.key, label: info.label, part });
  return (
    <div className="kpi-tile" data-testid={`tile-${info.key}`}>
      <div className="kpi-tile-head">
        <span>{l(info.label)}</span>
        <Popover
          title={t('definition')}
          content={
            <div style={{ maxWidth: 320 }}>
              <p style={{ marginTop: 0 }}>{l(info.definition)}</p>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('source')}：{info.source} · v{info.version}
              </Typography.Text>
            </div>
          }
          trigger={['hover', 'click']}
        >
          <InfoCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} data-testid={`tile-${info.key}-definition`} />
        </Popover>
      </div>
      {q.error ? (
        <Typography.Text type="danger">—</Typography.Text>
      ) : (
        <>
          <button type="button" className="kpi-figure kpi-big" onClick={() => drill('numerator')} data-testid={`tile-${info.key}-value`}>
            <Statistic loading={q.isPending} value={formatValue(v?.value, info.unit, lang)} styles={{ content: { color: '#1d4ed8', fontSize: 22 } }} />
          </button>
          {v && v.denominator !== null && v.denominator !== undefined && (
            <div className="kpi-parts">
              {t('numerator')}{' '}
              <button type="button" className="kpi-figure" data-testid={`tile-${info.key}-numerator`} onClick={() => drill('numerator')}>
                {v.numerator}
              </button>{' '}
              / {t('denominator')}{' '}
              <button type="button" className="kpi-figure" data-testid={`tile-${info.key}-denominator`} onClick={() => drill('denominator')}>
                {v.denominator}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

interface HeatRow {
  key: string;
  label: string;
  cells: Record<string, Group | undefined>;
}

/**
 * Towns (or dispute categories) as rows, indicators as columns; each column coloured on its own scale
 * (counts and rates differ).
 */
function HeatTable({ cols, year, region, onDrill, by }: { cols: IndicatorInfo[]; year: number; region?: string; onDrill: (d: DrillRequest) => void; by: 'town' | 'dimension' }) {
  const { t, l, lang } = useI18n();
  const { from, to } = yearBounds(year);
  const results = useQueries({
    queries: cols.map((c) => ({
      queryKey: ['indicator', c.key, year, region ?? '', by],
      queryFn: () => indicators.value(c.key, { from, to, region, groupBy: by }),
    })),
  });
  const byCategory = by === 'dimension';
  const failed = results.find((r) => r.error);
  const rows = new Map<string, HeatRow>();
  results.forEach((r, i) => {
    for (const g of r.data?.groups ?? []) {
      const row = rows.get(g.key) ?? { key: g.key, label: l(g.label), cells: {} };
      row.cells[cols[i].key] = g;
      rows.set(g.key, row);
    }
  });
  const first = cols[0].key;
  const data = [...rows.values()].sort((a, b) => (b.cells[first]?.value ?? -1) - (a.cells[first]?.value ?? -1));
  const range = Object.fromEntries(
    cols.map((c) => {
      const vals = data.map((r) => r.cells[c.key]?.value).filter((x): x is number => typeof x === 'number');
      return [c.key, { min: Math.min(...vals, 0), max: Math.max(...vals, 0) }];
    }),
  );
  return (
    <Card size="small" title={byCategory ? t('categoryHeat') : t('townHeat')} data-testid={byCategory ? 'category-heat' : 'town-heat'}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('heatHint')}
      </Typography.Paragraph>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => {
            for (const r of results) r.refetch();
          }} />
      ) : data.length === 0 && !results.some((r) => r.isPending) ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />
      ) : (
        <Table<HeatRow>
          size="small"
          rowKey="key"
          loading={results.some((r) => r.isPending)}
          dataSource={data}
          pagination={false}
          scroll={{ x: 'max-content', y: 480 }}
          onRow={(r) => ({ 'data-testid': `heat-row-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: byCategory ? l(cols[0].dimension ?? undefined) : t('town'), dataIndex: 'label', fixed: 'left', width: 140 },
            ...cols.map((c) => ({
              key: c.key,
              title: l(c.label),
              align: 'right' as const,
              onCell: (r: HeatRow) => ({ style: { background: heatColor(r.cells[c.key]?.value, range[c.key].min, range[c.key].max) } }),
              render: (_: unknown, r: HeatRow) => {
                const g = r.cells[c.key];
                if (!g) return '—';
                return (
                  <button
                    type="button"
                    className="kpi-figure"
                    data-testid={`heat-${r.key}-${c.key}`}
                    onClick={() => onDrill({ key: c.key, label: c.label, part: 'numerator', group: { key: r.key, label: r.label, ...(byCategory ? { groupBy: 'dimension' as const } : {}) } })}
                  >
                    {formatValue(g.value, c.unit, lang)}
                  </button>
                );
              },
            })),
          ]}
        />
      )}
    </Card>
  );
}
