import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Drawer, Form, Input, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type Committee, type CommitteeMediator, mediationAdmin } from '../../api.js';
import { RegionSelect, useDisputeCategories } from '../../components/OrgSelect.js';
import { ErrorState } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';
import { useCan } from '../../session.js';
import { withFilters } from '../../util.js';
import { CategoryMultiSelect, CategoryTags, IndustryInput, LEVEL_LABEL, LevelTag, useFormProblem } from './common.js';
import { type CommitteeForm, committeeCreateBody, committeeFilters, committeePatchBody, knownIndustries, LEVELS, workloadShare } from './model.js';

const FIELDS = ['name', 'regionCode', 'level', 'industry', 'accepts', 'abbr'] as const;

/** 人民调解委员会: filter by level and region (in the URL), register or edit one, see its mediators' workload. */
export default function Committees() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const allowed = useCan();
  const canWrite = allowed('mediation.committee.write');
  const [params, setParams] = useSearchParams();
  const filters = committeeFilters(params);
  const list = useQuery({ queryKey: ['committees', filters], queryFn: () => mediationAdmin.committees(filters) });
  const cats = useDisputeCategories();
  const [editing, setEditing] = useState<Committee | 'new' | null>(null);
  const [showing, setShowing] = useState<Committee | null>(null);
  const [form] = Form.useForm<CommitteeForm>();
  const [busy, setBusy] = useState(false);
  const onProblem = useFormProblem(form, FIELDS);
  const level = Form.useWatch('level', form);
  const setFilter = (patch: Record<string, string | undefined>) => setParams(withFilters(params, patch), { replace: true });

  const open = (c: Committee | 'new') => {
    setEditing(c);
    form.resetFields();
    form.setFieldsValue(
      c === 'new'
        ? { accepts: [], regionCode: filters.region, level: filters.level }
        : { name: c.name, level: c.level, industry: c.industry, accepts: c.accepts, abbr: c.abbr ?? undefined },
    );
  };

  const save = async (v: CommitteeForm) => {
    setBusy(true);
    try {
      if (editing === 'new') await mediationAdmin.createCommittee(committeeCreateBody(v));
      else if (editing) await mediationAdmin.patchCommittee(editing.id, committeePatchBody(v));
      message.success(t('saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['committees'] });
    } catch (e) {
      onProblem(e);
    } finally {
      setBusy(false);
    }
  };

  const isNew = editing === 'new';
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} className="page-title">
          {t('committeesTitle')}
        </Typography.Title>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="committee-new">
            {t('newCommittee')}
          </Button>
        )}
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            data-testid="filter-level"
            style={{ minWidth: 160 }}
            value={filters.level ?? ''}
            onChange={(v) => setFilter({ level: v || undefined })}
            options={[{ value: '', label: t('allLevels') }, ...LEVELS.map((v) => ({ value: v, label: t(LEVEL_LABEL[v]) }))]}
          />
          <RegionSelect testId="filter-region" value={filters.region} onChange={(v) => setFilter({ region: v })} />
          {list.data && (
            <Typography.Text type="secondary" data-testid="committee-count">
              {t('committeeCount', { n: list.data.length })}
            </Typography.Text>
          )}
        </Space>
        {list.error ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Committee>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data ?? []}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => t('total', { n }) }}
            scroll={{ x: 'max-content' }}
            data-testid="committee-table"
            onRow={(r) => ({ 'data-testid': `committee-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('committeeName'), dataIndex: 'name' },
              { title: t('level'), dataIndex: 'level', render: (v: Committee['level']) => <LevelTag level={v} /> },
              { title: t('industry'), dataIndex: 'industry', render: (v: string | null) => v ?? '—' },
              { title: t('region'), dataIndex: 'regionName' },
              { title: t('accepts'), key: 'accepts', render: (_, r) => <CategoryTags codes={r.accepts} list={cats.data} empty={t('anyCategory')} /> },
              {
                title: '',
                key: 'ops',
                render: (_, r) => (
                  <Space size={4}>
                    {allowed('mediation.mediator.read') && (
                      <Button size="small" onClick={() => setShowing(r)} data-testid={`committee-mediators-${r.id}`}>
                        {t('mediators')}
                      </Button>
                    )}
                    {canWrite && (
                      <Button size="small" onClick={() => open(r)} data-testid={`committee-edit-${r.id}`}>
                        {t('edit')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={isNew ? t('newCommittee') : editing ? t('editCommittee', { name: editing.name }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy, 'data-testid': 'modal-submit' } as ButtonProps}
        width={640}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={save} data-testid="committee-form">
          {!isNew && <Typography.Paragraph type="secondary">{t('agencyFixed')}</Typography.Paragraph>}
          <Form.Item name="name" label={t('committeeName')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input disabled={!isNew} data-testid="committee-name" />
          </Form.Item>
          {isNew ? (
            <Form.Item name="regionCode" label={t('region')} rules={[{ required: true, message: t('requiredHint') }]}>
              <RegionSelect testId="committee-region" />
            </Form.Item>
          ) : (
            <Form.Item label={t('region')}>
              <Typography.Text>{editing?.regionName}</Typography.Text>
            </Form.Item>
          )}
          <Form.Item name="abbr" label={t('abbr')}>
            <Input disabled={!isNew} maxLength={10} data-testid="committee-abbr" />
          </Form.Item>
          <Form.Item name="level" label={t('level')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Select data-testid="committee-level" options={LEVELS.map((v) => ({ value: v, label: t(LEVEL_LABEL[v]) }))} />
          </Form.Item>
          {level === 'industry' && (
            <Form.Item name="industry" label={t('industry')} extra={t('committeeIndustryHint')} rules={[{ required: true, message: t('requiredHint') }]}>
              <IndustryInput options={knownIndustries(list.data, cats.data)} testId="committee-industry" />
            </Form.Item>
          )}
          <Form.Item name="accepts" label={t('accepts')} extra={t('acceptsHint')}>
            <CategoryMultiSelect testId="committee-accepts" placeholder={t('anyCategory')} />
          </Form.Item>
        </Form>
      </Modal>
      <MediatorsDrawer committee={showing} onClose={() => setShowing(null)} />
    </>
  );
}

function MediatorsDrawer({ committee, onClose }: { committee: Committee | null; onClose: () => void }) {
  const { t } = useI18n();
  const cats = useDisputeCategories();
  const q = useQuery({
    queryKey: ['committee-mediators', committee?.id],
    queryFn: () => mediationAdmin.mediators(committee?.id ?? ''),
    enabled: committee !== null,
  });
  return (
    <Drawer open={committee !== null} onClose={onClose} size={720} title={committee ? t('mediatorsOf', { name: committee.name }) : ''} data-testid="mediators-drawer">
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<CommitteeMediator>
          rowKey="id"
          size="small"
          loading={q.isPending}
          dataSource={q.data ?? []}
          pagination={false}
          locale={{ emptyText: t('noMediators') }}
          scroll={{ x: 'max-content' }}
          data-testid="mediator-table"
          onRow={(r) => ({ 'data-testid': `mediator-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('mediator'),
              dataIndex: 'name',
              render: (v: string, r) => (
                <span>
                  {v}
                  {r.userId && (
                    <Tag color="blue" style={{ marginLeft: 6 }}>
                      {t('hasAccount')}
                    </Tag>
                  )}
                </span>
              ),
            },
            { title: t('specialties'), key: 'spec', render: (_, r) => <CategoryTags codes={r.specialties} list={cats.data} empty="—" /> },
            {
              title: t('workload'),
              key: 'load',
              render: (_, r) => {
                const s = workloadShare(r.workload, r.capacity);
                return (
                  <div style={{ minWidth: 140 }} data-testid={`mediator-workload-${r.id}`}>
                    <Progress percent={s.percent} size="small" status={s.full ? 'exception' : 'normal'} format={() => `${r.workload} / ${r.capacity}`} />
                  </div>
                );
              },
            },
          ]}
        />
      )}
    </Drawer>
  );
}
