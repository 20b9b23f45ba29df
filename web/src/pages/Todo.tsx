import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { cases } from '../api.js';
import { CaseTable } from '../components/CaseTable.js';
import { CLOCK_COLOR, ErrorState } from '../components/ui.js';
import { useI18n } from '../i18n.js';
import { useCaseTypes } from '../session.js';

export default function Todo() {
  const { t, l } = useI18n();
  const q = useQuery({ queryKey: ['todo'], queryFn: cases.todo });
  const types = useCaseTypes();
  const typeLabel = (type: string) => l(types.data?.find((x) => x.type === type)?.label) || type;
  const counts = q.data?.counts;
  const stat = (key: 'overdue' | 'due_soon' | 'running', label: string, color: string) => (
    <Col xs={8}>
      <Card size="small" data-testid={`todo-count-${key}`}>
        <Statistic title={label} value={counts?.[key] ?? '—'} styles={{ content: { color } }} />
      </Card>
    </Col>
  );
  return (
    <>
      <Typography.Title level={4} className="page-title">
        {t('todoTitle')}
        <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 12 }}>
          {t('todoHint')}
        </Typography.Text>
      </Typography.Title>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {stat('overdue', t('overdue'), colorOf(CLOCK_COLOR.overdue))}
            {stat('due_soon', t('dueSoon'), colorOf(CLOCK_COLOR.due_soon))}
            {stat('running', t('running'), colorOf(CLOCK_COLOR.running))}
          </Row>
          <Card size="small">
            <CaseTable
              testId="todo-table"
              clockFirst
              items={q.data?.items ?? []}
              loading={q.isPending}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              showType
              typeLabel={typeLabel}
            />
          </Card>
        </>
      )}
    </>
  );
}

/** antd preset tag names → the same hue for statistic figures. */
function colorOf(preset: string): string {
  return ({ red: '#cf1322', orange: '#d46b08', blue: '#1d4ed8' } as Record<string, string>)[preset] ?? 'inherit';
}
