import { Table, type TableProps, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { CaseListItem } from '../api.js';
import { useI18n } from '../i18n.js';
import { ClockTag, StateTag } from './ui.js';

/** Below this width the table scrolls sideways (phones); above it, columns share the space. */
const TABLE_MIN_WIDTH = 960;

/** The case table shared by the to-do list and the case list. */
export function CaseTable({
  items,
  loading,
  pagination,
  showType,
  typeLabel,
  testId = 'case-table',
  clockFirst,
}: {
  items: CaseListItem[];
  loading?: boolean;
  pagination?: TableProps<CaseListItem>['pagination'];
  showType?: boolean;
  typeLabel?: (type: string) => string;
  testId?: string;
  /** The to-do list leads with the deadline, the reason it is ordered that way. */
  clockFirst?: boolean;
}) {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const clockColumn = {
    title: t('colClock'),
    dataIndex: 'nextClock',
    width: 330,
    render: (_: unknown, r: CaseListItem) => <ClockTag clock={r.nextClock} />,
  };
  const columns: TableProps<CaseListItem>['columns'] = [
    {
      title: t('colNumber'),
      dataIndex: 'number',
      width: 190,
      render: (_, r) => (
        <Link to={`/cases/${r.id}`} data-testid={`case-link-${r.id}`} onClick={(e) => e.stopPropagation()}>
          {r.number ?? <Typography.Text type="secondary">{t('noNumber')}</Typography.Text>}
        </Link>
      ),
    },
    ...(clockFirst ? [clockColumn] : []),
    { title: t('colTitle'), dataIndex: 'title', ellipsis: true, width: 320, render: (v: string) => v },
    ...(showType
      ? [{ title: t('colType'), dataIndex: 'type', width: 110, render: (v: string) => typeLabel?.(v) ?? v }]
      : []),
    {
      title: t('colState'),
      dataIndex: 'state',
      width: 120,
      render: (_: unknown, r: CaseListItem) => (
        <>
          <StateTag label={r.stateLabel} category={r.category} />
          {r.outcomeLabel && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{l(r.outcomeLabel)}</div>}
        </>
      ),
    },
    { title: t('colApplicant'), dataIndex: 'applicant', width: 100, responsive: ['md'] },
    { title: t('colSubject'), dataIndex: 'subjectAgencyName', ellipsis: true, responsive: ['lg'] },
    { title: t('colRegion'), dataIndex: 'regionName', width: 100, responsive: ['xl'] },
    { title: t('colReceived'), dataIndex: 'receivedOn', width: 110, responsive: ['md'] },
    ...(clockFirst ? [] : [clockColumn]),
  ];
  return (
    <Table<CaseListItem>
      data-testid={testId}
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={pagination}
      // A fixed minimum (not max-content): long titles ellipsise instead of pushing columns off screen.
      scroll={{ x: TABLE_MIN_WIDTH }}
      rowClassName="clickable-row"
      onRow={(r) =>
        ({
          'data-testid': `case-row-${r.id}`,
          onClick: () => navigate(`/cases/${r.id}`),
        }) as React.HTMLAttributes<HTMLElement>
      }
    />
  );
}
