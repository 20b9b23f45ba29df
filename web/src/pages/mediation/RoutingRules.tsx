import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { mediationAdmin, type RoutingRule } from '../../api.js';
import { CategorySelect, TownSelect, useDisputeCategories } from '../../components/OrgSelect.js';
import { ErrorState, problemText, useShowProblem } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';
import { useCan } from '../../session.js';
import { CategoryMultiSelect, CategoryTags, IndustryInput, LEVEL_LABEL, TARGET_LABEL, useFormProblem } from './common.js';
import { knownIndustries, LEVELS, nextPriority, type RuleForm, ruleBody } from './model.js';

const FIELDS = ['priority', 'categoryCodes', 'target', 'industry', 'noteZh', 'noteEn', 'active'] as const;

/** 分派规则: the rules in the order they are tried, edited in a drawer, and a preview of where a dispute would go. */
export default function RoutingRules() {
  const { t, l } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const allowed = useCan();
  const canWrite = allowed('mediation.routing.write');
  const rules = useQuery({ queryKey: ['routing-rules'], queryFn: mediationAdmin.rules });
  const cats = useDisputeCategories();
  // Industry suggestions come from the committees, when this user may list them.
  const committees = useQuery({ queryKey: ['committees', {}], queryFn: () => mediationAdmin.committees({}), enabled: allowed('mediation.committee.read'), staleTime: 5 * 60 * 1000 });
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const [form] = Form.useForm<RuleForm>();
  const [busy, setBusy] = useState(false);
  const onProblem = useFormProblem(form, FIELDS);
  const showProblem = useShowProblem();
  const target = Form.useWatch('target', form);
  // A rule change may change every preview.
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['routing-rules'] }), qc.invalidateQueries({ queryKey: ['route-preview'] })]);

  const open = (r: RoutingRule | 'new') => {
    setEditing(r);
    form.resetFields();
    form.setFieldsValue(
      r === 'new'
        ? { priority: nextPriority(rules.data ?? []), categoryCodes: [], active: true }
        : { priority: r.priority, categoryCodes: r.categoryCodes, target: r.target, industry: r.industry, noteZh: r.noteZh, noteEn: r.noteEn, active: r.active },
    );
  };

  const save = async (v: RuleForm) => {
    setBusy(true);
    try {
      if (editing === 'new') await mediationAdmin.createRule(ruleBody(v));
      else if (editing) await mediationAdmin.patchRule(editing.id, ruleBody(v));
      message.success(t('saved'));
      setEditing(null);
      await refresh();
    } catch (e) {
      onProblem(e);
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (r: RoutingRule, active: boolean) => {
    try {
      await mediationAdmin.patchRule(r.id, { active });
      message.success(t(active ? 'ruleActivated' : 'ruleDeactivated'));
      await refresh();
    } catch (e) {
      showProblem(e);
    }
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} className="page-title">
          {t('rulesTitle')}
        </Typography.Title>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="rule-new">
            {t('newRule')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">{t('rulesHint')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        {rules.error ? (
          <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
        ) : (
          <Table<RoutingRule>
            rowKey="id"
            size="middle"
            loading={rules.isPending}
            dataSource={rules.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="rule-table"
            onRow={(r) => ({ 'data-testid': `rule-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: <span title={t('priority')}>{t('priorityShort')}</span>, dataIndex: 'priority', align: 'right' },
              { title: t('ruleCategories'), key: 'cats', render: (_, r) => <CategoryTags codes={r.categoryCodes} list={cats.data} empty={t('anyCategory')} /> },
              { title: t('target'), dataIndex: 'target', render: (v: RoutingRule['target']) => (TARGET_LABEL[v] ? t(TARGET_LABEL[v]) : v) },
              { title: t('industry'), dataIndex: 'industry', render: (v: string | null) => v ?? '—' },
              { title: t('note'), key: 'note', render: (_, r) => l({ zh: r.noteZh, en: r.noteEn }) },
              {
                title: t('ruleActive'),
                dataIndex: 'active',
                render: (v: boolean, r) => <Switch size="small" checked={v} disabled={!canWrite} onChange={(on) => toggle(r, on)} data-testid={`rule-active-${r.id}`} />,
              },
              ...(canWrite
                ? [
                    {
                      title: '',
                      key: 'ops',
                      render: (_: unknown, r: RoutingRule) => (
                        <Button size="small" onClick={() => open(r)} data-testid={`rule-edit-${r.id}`}>
                          {t('edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {allowed('mediation.create') && <RoutePreviewBox />}
      <Drawer
        open={editing !== null}
        title={editing === 'new' ? t('newRule') : t('editRule')}
        onClose={() => setEditing(null)}
        size={520}
        // Escape closes pickers inside the form; it must not throw away a half-written rule.
        keyboard={false}
        forceRender
        extra={
          <Space>
            <Button onClick={() => setEditing(null)}>{t('cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="rule-submit">
              {t('save')}
            </Button>
          </Space>
        }
      >
        <Form form={form} layout="vertical" onFinish={save} data-testid="rule-form">
          <Form.Item name="priority" label={t('priority')} rules={[{ required: true, message: t('requiredHint') }]}>
            <InputNumber min={0} max={100000} precision={0} data-testid="rule-priority" />
          </Form.Item>
          <Form.Item name="categoryCodes" label={t('ruleCategories')} extra={t('ruleCategoriesHint')}>
            <CategoryMultiSelect testId="rule-categories" placeholder={t('anyCategory')} />
          </Form.Item>
          <Form.Item name="target" label={t('target')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Select data-testid="rule-target" options={LEVELS.map((v) => ({ value: v, label: t(TARGET_LABEL[v]) }))} />
          </Form.Item>
          {target === 'industry' && (
            // Not required here: whether an industry rule names its industry is the server's check, and its message shows on the field.
            <Form.Item name="industry" label={t('industry')} extra={t('committeeIndustryHint')} required>
              <IndustryInput options={knownIndustries(committees.data, cats.data)} testId="rule-industry" />
            </Form.Item>
          )}
          <Form.Item name="noteZh" label={t('noteZh')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={200} data-testid="rule-note-zh" />
          </Form.Item>
          <Form.Item name="noteEn" label={t('noteEn')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={300} data-testid="rule-note-en" />
          </Form.Item>
          <Form.Item name="active" label={t('ruleActive')} valuePropName="checked">
            <Switch data-testid="rule-active" />
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}

/** 试算: the server's own routing for a category and a town, with its reasons; nothing is registered. */
function RoutePreviewBox() {
  const { t, l, lang } = useI18n();
  const [category, setCategory] = useState<string>();
  const [town, setTown] = useState<string>();
  const [asked, setAsked] = useState<{ category: string; town: string } | null>(null);
  const preview = useQuery({
    queryKey: ['route-preview', asked?.category, asked?.town],
    queryFn: () => mediationAdmin.preview(asked?.category ?? '', asked?.town ?? ''),
    enabled: asked !== null,
    retry: false,
  });
  const run = () => {
    if (!category || !town) return;
    const next = { category, town };
    // The same question asked again (after a rule change elsewhere) asks the server again.
    if (asked && asked.category === category && asked.town === town) preview.refetch();
    else setAsked(next);
  };
  const r = preview.data;
  return (
    <Card size="small" title={t('previewTitle')} data-testid="route-preview">
      <Typography.Paragraph type="secondary">{t('previewHint')}</Typography.Paragraph>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginBottom: 12 }}>
        <div style={{ minWidth: 240, flex: '1 1 240px' }}>
          <CategorySelect value={category} onChange={setCategory} testId="preview-category" />
        </div>
        <div style={{ minWidth: 240, flex: '1 1 240px' }}>
          <TownSelect value={town} onChange={setTown} testId="preview-town" />
        </div>
        <Button type="primary" onClick={run} disabled={!category || !town} loading={preview.isFetching} data-testid="preview-submit">
          {t('preview')}
        </Button>
      </div>
      {!asked && <Typography.Text type="secondary">{t('previewPickBoth')}</Typography.Text>}
      {asked && preview.error && (
        <Alert type="warning" showIcon title={problemText(lang, preview.error).title} description={problemText(lang, preview.error).detail} data-testid="preview-error" />
      )}
      {asked && r && !preview.error && (
        <div data-testid="preview-result">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('committee')}>
              <span data-testid="preview-committee">{r.committeeName}</span>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {LEVEL_LABEL[r.level] ? t(LEVEL_LABEL[r.level]) : r.level}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('mediator')}>
              <span data-testid="preview-mediator">{r.mediatorName ?? t('mediatorPending')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('routingRule')}>
              <span data-testid="preview-rule">
                {l(r.rule.note)}
                {r.rule.id === null && <Typography.Text type="secondary">{t('fallbackRule')}</Typography.Text>}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('routingReasons')}>
              <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="preview-reasons">
                {r.reasons.map((x, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: reasons are an ordered explanation; the position is their identity
                  <li key={i}>{l(x)}</li>
                ))}
              </ol>
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Card>
  );
}
