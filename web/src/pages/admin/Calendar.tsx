import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Popconfirm, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type CalendarDay, calendar } from '../../api.js';
import { ErrorState, useShowProblem } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';
import { currentYear, withFilters } from '../../util.js';

export default function Calendar() {
  const { t, l } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const years = useQuery({ queryKey: ['calendar-years'], queryFn: calendar.years });
  const days = useQuery({ queryKey: ['calendar-days', year], queryFn: () => calendar.days(year) });
  const alerts = useQuery({ queryKey: ['calendar-alerts'], queryFn: calendar.alerts });
  const [form] = Form.useForm<{ day: Dayjs; kind: CalendarDay['kind']; name: string }>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const yearOptions = [
    ...new Set([
      ...(years.data ?? []).map((y) => (typeof y === 'number' ? y : y.year)),
      year,
      currentYear(),
      currentYear() + 1,
    ]),
  ].sort((a, b) => b - a);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['calendar-days'] });
    qc.invalidateQueries({ queryKey: ['calendar-years'] });
    qc.invalidateQueries({ queryKey: ['calendar-alerts'] });
  };
  const run = async (what: string, fn: () => Promise<unknown>, done?: () => void) => {
    setBusy(what);
    try {
      await fn();
      message.success(t('saved'));
      done?.();
      refresh();
    } catch (e) {
      showProblem(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} className="page-title" style={{ marginBottom: 4 }}>
          {t('calendarTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('calendarHint')}</Typography.Text>
      </div>
      {(alerts.data ?? []).map((a) => (
        <Alert key={a.year} type="warning" showIcon title={l(a.message)} data-testid={`calendar-alert-${a.year}`} />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={
              <Space>
                {t('year')}
                <Select
                  data-testid="calendar-year"
                  value={year}
                  onChange={(v) => setParams(withFilters(params, { year: v }))}
                  options={yearOptions.map((y) => ({ value: y, label: `${y}` }))}
                  style={{ width: 100 }}
                />
              </Space>
            }
          >
            {days.error ? (
              <ErrorState error={days.error} onRetry={() => days.refetch()} />
            ) : (
              <Table<CalendarDay>
                size="small"
                rowKey="day"
                loading={days.isPending}
                dataSource={days.data ?? []}
                pagination={false}
                onRow={(r) => ({ 'data-testid': `calendar-row-${r.day}` }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('day'), dataIndex: 'day', width: 120 },
                  {
                    title: t('kind'),
                    dataIndex: 'kind',
                    width: 120,
                    render: (k: CalendarDay['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{k === 'holiday' ? t('holiday') : t('workday')}</Tag>,
                  },
                  { title: t('dayName'), dataIndex: 'name', render: (v) => v ?? '' },
                  {
                    title: '',
                    key: 'ops',
                    width: 80,
                    render: (_, r) => (
                      <Popconfirm title={`${t('remove')} ${r.day}?`} onConfirm={() => run(`rm:${r.day}`, () => calendar.remove(r.day))}>
                        <Button size="small" danger loading={busy === `rm:${r.day}`} data-testid={`calendar-remove-${r.day}`}>
                          {t('remove')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('addDay')}>
              <Form
                form={form}
                layout="vertical"
                initialValues={{ kind: 'holiday' }}
                onFinish={(v) => run('add', () => calendar.put(v.day.format('YYYY-MM-DD'), v.kind, v.name ?? ''), () => form.resetFields())}
                data-testid="calendar-add-form"
              >
                <Form.Item name="day" label={t('day')} rules={[{ required: true, message: t('requiredHint') }]}>
                  <DatePicker style={{ width: '100%' }} data-testid="calendar-add-day" />
                </Form.Item>
                <Form.Item name="kind" label={t('kind')}>
                  <Radio.Group
                    options={[
                      { value: 'holiday', label: t('holiday') },
                      { value: 'workday', label: t('workday') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="name" label={t('dayName')}>
                  <Input data-testid="calendar-add-name" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy === 'add'} data-testid="calendar-add-submit">
                  {t('add')}
                </Button>
              </Form>
            </Card>
            <Card size="small" title={t('importCalendar')}>
              <Input.TextArea
                rows={8}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t('importCalendarHint')}
                data-testid="calendar-import-text"
              />
              <Button
                style={{ marginTop: 8 }}
                disabled={!text.trim()}
                loading={busy === 'import'}
                onClick={() => run('import', () => calendar.import(text), () => setText(''))}
                data-testid="calendar-import-submit"
              >
                {t('importCalendar')}
              </Button>
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
