import { InfoCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Drawer, Empty, Popover, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type Cockpit as CockpitData, type Group, indicators, type RecordRow } from '../api.js';
import { Chart, type ChartPoint } from '../components/Chart.js';
import { RegionSelect } from '../components/OrgSelect.js';
import { ErrorState, Loading } from '../components/ui.js';
import { type Bi, useI18n } from '../i18n.js';
import { useCan } from '../session.js';
import { CockpitSections } from './CockpitSections.js';
import { currentYear, formatValue, withFilters, yearBounds } from '../util.js';

/** How many past years the selector offers. */
const YEARS_BACK = 6;

type Headline = CockpitData['headline'][number];

interface Drill {
  key: string;
  label: Bi;
  part: 'numerator' | 'denominator';
  group?: { key: string; label: string; groupBy?: 'dimension' };
}

export default function Cockpit() {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const thisYear = currentYear();
  const year = Number(params.get('year')) || thisYear;
  const region = params.get('region') ?? undefined;
  const [drill, setDrill] = useState<Drill | null>(null);
  const can = useCan();
  const q = useQuery({
    queryKey: ['cockpit', year, region ?? ''],
    queryFn: () => indicators.cockpit(year, region),
    placeholderData: keepPreviousData,
  });
  const years = Array.from({ length: YEARS_BACK }, (_, i) => thisYear - i);
  if (!years.includes(year)) years.push(year);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} className="page-title">
          {t('cockpitTitle')}
        </Typography.Title>
        <Space wrap>
          <Select
            data-testid="cockpit-year"
            value={year}
            onChange={(v) => setParams(withFilters(params, { year: v }))}
            options={years.sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}` }))}
            style={{ width: 100 }}
          />
          <RegionSelect
            testId="cockpit-region"
            maxDepth={2}
            value={region}
            onChange={(v) => setParams(withFilters(params, { region: v }))}
            placeholder={t('wholeCity')}
          />
        </Space>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          {q.data.counts.length > 0 && (
            <Row gutter={[12, 12]}>
              {q.data.counts.map((c) => (
                <Col key={c.key} xs={12} md={8} xl={4}>
                  <Card size="small" data-testid={`count-${c.key}`}>
                    <Statistic title={l(c.label)} value={c.value} />
                  </Card>
                </Col>
              ))}
            </Row>
          )}
          <Typography.Text type="secondary">{t('clickToDrill')}</Typography.Text>
          {q.data.headline.length === 0 && <Empty description={t('noData')} />}
          <Row gutter={[16, 16]}>
            {q.data.headline.map((h) => (
              <Col key={h.key} xs={24} xl={8}>
                <HeadlineCard h={h} onDrill={setDrill} />
              </Col>
            ))}
          </Row>
          {can('indicator.read') && <CockpitSections year={year} region={region} onDrill={setDrill} />}
        </>
      )}
      <DrillDrawer drill={drill} year={year} region={region} onClose={() => setDrill(null)} />
    </Space>
  );
}

function groupPoints(groups: Group[], pick: (b: Bi | string) => string): ChartPoint[] {
  return groups.map((g) => ({ key: g.key, label: pick(g.label), value: g.value }));
}

function HeadlineCard({ h, onDrill }: { h: Headline; onDrill: (d: Drill) => void }) {
  const { t, l, lang } = useI18n();
  const unit = h.unit === 'percent' ? '%' : '';
  const definition = (
    <div style={{ maxWidth: 320 }}>
      <p style={{ marginTop: 0 }}>{l(h.definition)}</p>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('source')}：{h.source} · v{h.version}
      </Typography.Text>
    </div>
  );
  const figure = (part: Drill['part'], value: number | null) => (
    <button type="button" className="kpi-figure" data-testid={`kpi-${h.key}-${part}`} onClick={() => onDrill({ key: h.key, label: h.label, part })}>
      {value ?? '—'}
    </button>
  );
  return (
    <Card
      data-testid={`kpi-${h.key}`}
      title={
        <Space>
          {l(h.label)}
          <Popover title={t('definition')} content={definition} trigger={['hover', 'click']}>
            <InfoCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} data-testid={`kpi-${h.key}-definition`} />
          </Popover>
        </Space>
      }
    >
      <div
        style={{ cursor: 'pointer' }}
        onClick={() => onDrill({ key: h.key, label: h.label, part: 'numerator' })}
        data-testid={`kpi-${h.key}-value`}
      >
        <Statistic value={formatValue(h.value, h.unit, lang)} styles={{ content: { color: '#1d4ed8', fontSize: 32 } }} />
      </div>
      {h.denominator !== null && h.denominator !== undefined && (
        <div style={{ color: 'rgba(0,0,0,0.65)' }}>
          {t('numerator')} {figure('numerator', h.numerator)} / {t('denominator')} {figure('denominator', h.denominator)}
        </div>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('byCounty')}
      </Typography.Title>
      {h.byCounty.length ? (
        <Chart
          kind="bar"
          unit={unit}
          testId={`chart-${h.key}-county`}
          points={groupPoints(h.byCounty, l)}
          onPick={(p) => onDrill({ key: h.key, label: h.label, part: 'numerator', group: { key: p.key, label: p.label } })}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />
      )}
      <Typography.Title level={5}>{t('byMonth')}</Typography.Title>
      {h.byMonth.length ? (
        <Chart
          kind="line"
          unit={unit}
          color="#0e7490"
          testId={`chart-${h.key}-month`}
          points={groupPoints(h.byMonth, l)}
          onPick={(p) => onDrill({ key: h.key, label: h.label, part: 'numerator', group: { key: p.key, label: p.label } })}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />
      )}
    </Card>
  );
}

const DRILL_PAGE_SIZE = 20;
const DRILL_MIN_WIDTH = 640;

function DrillDrawer({ drill, year, region, onClose }: { drill: Drill | null; year: number; region?: string; onClose: () => void }) {
  const { t, l } = useI18n();
  const [page, setPage] = useState(1);
  const [lastDrill, setLastDrill] = useState(drill);
  if (drill !== lastDrill) {
    setLastDrill(drill);
    setPage(1);
  }
  const { from, to } = yearBounds(year);
  const q = useQuery({
    queryKey: ['drill', drill, year, region ?? '', page],
    enabled: !!drill,
    queryFn: () =>
      indicators.records(drill?.key ?? '', {
        part: drill?.part,
        group: drill?.group?.key,
        groupBy: drill?.group?.groupBy,
        from,
        to,
        region,
        page,
        pageSize: DRILL_PAGE_SIZE,
      }),
  });
  const title = drill
    ? `${l(drill.label)} · ${drill.part === 'numerator' ? t('drillNumerator') : t('drillDenominator')}${drill.group ? ` · ${drill.group.label}` : ''}`
    : '';
  return (
    <Drawer open={!!drill} onClose={onClose} title={title} size={720} data-testid="drill-drawer" destroyOnHidden>
      {drill && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Tag color={drill.part === 'numerator' ? 'blue' : 'default'}>{drill.part === 'numerator' ? t('numerator') : t('denominator')}</Tag>
          <Tag>{year}</Tag>
        </Space>
      )}
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<RecordRow>
          size="small"
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          // Not max-content: long titles ellipsise inside the drawer instead of widening it.
          scroll={{ x: DRILL_MIN_WIDTH }}
          onRow={(r) => ({ 'data-testid': `drill-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{ current: page, pageSize: DRILL_PAGE_SIZE, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('total', { n }) }}
          columns={[
            {
              title: t('colNumber'),
              dataIndex: 'number',
              render: (v: string | null, r) => <Link to={`/cases/${r.id}`}>{v ?? t('noNumber')}</Link>,
            },
            { title: t('colTitle'), dataIndex: 'title', ellipsis: true, width: 260 },
            { title: t('colRegion'), dataIndex: 'regionName', width: 90 },
            { title: t('colReceived'), dataIndex: 'receivedOn' },
            { title: t('colClosed'), dataIndex: 'closedOn', render: (v) => v ?? '—' },
          ]}
        />
      )}
    </Drawer>
  );
}
