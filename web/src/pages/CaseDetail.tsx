import { DownloadOutlined, FileWordOutlined, LinkOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type AvailableAction, type CaseDetail as Detail, type CaseTypeInfo, cases, type Clock, messages, type Party } from '../api.js';
import { ItemList } from '../components/ItemList.js';
import { SchemaForm } from '../components/SchemaForm.js';
import { displayValue, fieldLabel, type JsonSchema, unwrap } from '../components/schema.js';
import { ClockTag, ErrorState, formatSize, isStale, Loading, StateTag, useShowProblem } from '../components/ui.js';
import { DISPUTE_BOOKKEEPING, FACT_LABELS, HIDDEN_FACTS, PANEL_FACTS, VALUE_LABELS } from '../facts.js';
import { useDisputeCategories } from '../components/OrgSelect.js';
import { CasePanels } from './CasePanels.js';
import { MessageRoom } from '../components/MessageRoom.js';
import { type Bi, useI18n } from '../i18n.js';
import { useCan, useCaseTypes } from '../session.js';
import { formatInstant } from '../util.js';

export default function CaseDetail() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['case', id], queryFn: () => cases.get(id) });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return <CaseView c={q.data} reload={() => q.refetch()} />;
}

function CaseView({ c, reload }: { c: Detail; reload: () => unknown }) {
  const { t, l, lang } = useI18n();
  const [action, setAction] = useState<AvailableAction | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const types = useCaseTypes();
  const can = useCan();
  const ct = types.data?.find((x) => x.type === c.type);

  const submitAction = async (input: Record<string, unknown>) => {
    if (!action) return;
    const updated = await cases.act(c.id, action.name, c.version, input);
    qc.setQueryData(['case', c.id], updated);
    qc.invalidateQueries({ queryKey: ['todo'] });
    qc.invalidateQueries({ queryKey: ['cases'] });
    message.success(t('actionDone', { a: l(action.label) }));
    setAction(null);
  };
  const actionError = (e: unknown) => {
    if (isStale(e)) {
      // Someone else acted first: show the current case rather than retrying blindly.
      message.warning(t('staleVersion'));
      setAction(null);
      reload();
      return;
    }
    showProblem(e);
  };

  const caseInfo = (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('facts')} size="small" data-testid="case-facts">
              <Facts data={c.data} ct={ct} />
            </Card>
            <Card title={t('parties')} size="small" data-testid="case-parties">
              <Parties parties={c.parties} />
            </Card>
            <Card title={t('timeline')} size="small" data-testid="case-timeline">
              <Timeline
                items={[...c.events]
                  .sort((a, b) => a.n - b.n)
                  .map((e) => ({
                    key: e.n,
                    content: (
                      <div data-testid={`event-${e.n}`}>
                        <strong>{l(e.label)}</strong>
                        <span style={{ color: 'rgba(0,0,0,0.55)', marginLeft: 8 }}>
                          {t('effectiveOn')} {e.effectiveOn}
                        </span>
                        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                          {e.actorLabel ? `${e.actorLabel} · ` : ''}
                          {formatInstant(e.at, lang)}
                        </div>
                      </div>
                    ),
                  }))}
              />
            </Card>
          </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="case-header">
        <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12 }}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text type="secondary">{l(c.typeLabel)}</Typography.Text>
            <Typography.Title level={4} style={{ margin: '4px 0' }} data-testid="case-number">
              {c.number ?? t('noNumber')}
            </Typography.Title>
            <Typography.Paragraph style={{ margin: 0 }} data-testid="case-title">
              {c.title}
            </Typography.Paragraph>
            <Space wrap style={{ marginTop: 8 }}>
              <StateTag label={c.stateLabel} category={c.category} />
              {c.outcomeLabel && (
                <Tag color="purple" data-testid="case-outcome">
                  {l(c.outcomeLabel)}
                </Tag>
              )}
            </Space>
          </div>
          <Space wrap align="start" data-testid="case-actions">
            {c.availableActions.length === 0 && <Typography.Text type="secondary">{t('noActions')}</Typography.Text>}
            {c.availableActions.map((a) => (
              <Button
                key={a.name}
                type={a.confirm ? 'default' : 'primary'}
                danger={a.confirm}
                data-testid={`action-${a.name}`}
                onClick={() => setAction(a)}
              >
                {l(a.label)}
              </Button>
            ))}
          </Space>
        </div>
        <Descriptions
          size="small"
          style={{ marginTop: 16 }}
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'received', label: t('receivedOn'), children: c.receivedOn },
            { key: 'closed', label: t('closedOn'), children: c.closedOn ?? '—' },
            { key: 'agency', label: t('agency'), children: c.agencyName ?? '—' },
            { key: 'subject', label: t('subjectAgency'), children: c.subjectAgencyName ?? '—' },
            { key: 'region', label: t('region'), children: c.regionName },
            ...(c.assigneeName ? [{ key: 'assignee', label: t('assignee'), children: <span data-testid="case-assignee">{c.assigneeName}</span> }] : []),
            ...(c.trackingCode ? [{ key: 'tc', label: t('trackingCode'), children: <Typography.Text copyable>{c.trackingCode}</Typography.Text> }] : []),
          ]}
        />
      </Card>

      {c.clocks.length > 0 && (
        <Row gutter={[12, 12]} data-testid="case-clocks">
          {c.clocks.map((k) => (
            <Col key={k.key} xs={24} md={12} xl={8}>
              <ClockCard clock={k} />
            </Col>
          ))}
        </Row>
      )}

      <CasePanels c={c} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Tabs
            data-testid="case-tabs"
            items={[
              { key: 'case', label: <span data-testid="tab-case">{t('caseInfo')}</span>, children: caseInfo },
              ...(ct?.messages
                ? [
                    {
                      key: 'room',
                      label: <span data-testid="tab-room">{t('room')}</span>,
                      children: (
                        <Card size="small" data-testid="case-room">
                          <MessageRoom
                            queryKey={['messages', c.id]}
                            load={() => messages.list(c.id)}
                            send={(body, file) => messages.post(c.id, body, file)}
                            me="staff"
                            attachmentHref={(m) => (m.attachment ? cases.attachmentHref(c.id, m.attachment.id) : undefined)}
                            canWrite={can('case.message')}
                          />
                        </Card>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Links c={c} relations={ct?.links} onChanged={reload} />
            <Attachments c={c} onChanged={reload} />
            <Card title={t('documents')} size="small" data-testid="case-documents">
              <ItemList
                items={c.documents}
                empty={t('none')}
                render={(d) => ({
                  key: d.key,
                  content: (
                    <>
                      <FileWordOutlined style={{ color: '#1d4ed8', marginRight: 8 }} />
                      {l(d.label)}
                    </>
                  ),
                  actions: d.available ? (
                    <a href={cases.documentHref(c.id, d.key)} data-testid={`document-${d.key}`}>
                      <DownloadOutlined /> DOCX
                    </a>
                  ) : (
                    <Typography.Text type="secondary">{t('notYetAvailable')}</Typography.Text>
                  ),
                })}
              />
            </Card>
          </Space>
        </Col>
      </Row>

      <Modal
        open={!!action}
        title={action ? l(action.label) : ''}
        onCancel={() => setAction(null)}
        footer={null}
        destroyOnHidden
        width={640}
        data-testid="action-modal"
      >
        {action && (
          <>
            {action.confirm && <Alert type="warning" showIcon title={t('confirmWarning')} style={{ marginBottom: 16 }} />}
            <SchemaForm
              key={`${action.name}:${c.version}`}
              testId={`action-form-${action.name}`}
              schema={action.schema}
              submitTestId="modal-submit"
              submitDanger={action.confirm}
              onSubmit={submitAction}
              onError={actionError}
              onCancel={() => setAction(null)}
            />
          </>
        )}
      </Modal>
    </Space>
  );
}

function ClockCard({ clock: k }: { clock: Clock }) {
  const { t, l } = useI18n();
  const basis = `${k.basis.law} ${k.basis.article}`;
  return (
    <Card size="small" title={l(k.label)} data-testid={`clock-card-${k.key}`} extra={k.paused ? <Tag>{t('paused')}</Tag> : null}>
      <Tooltip title={k.explanation ? l(k.explanation) : undefined} placement="topLeft">
        <div>
          <ClockTag clock={k} showLabel={false} />
        </div>
      </Tooltip>
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          { key: 's', label: t('clockStarted'), children: k.startedOn ?? '—' },
          { key: 'd', label: t('clockDue'), children: k.dueOn ?? '—' },
          ...(k.stoppedOn ? [{ key: 'x', label: t('clockStopped'), children: k.stoppedOn }] : []),
          {
            key: 'b',
            label: t('basis'),
            children: (
              <Tooltip title={k.basis.note}>
                <span data-testid={`clock-basis-${k.key}`}>{basis}</span>
              </Tooltip>
            ),
          },
        ]}
      />
      {k.explanation && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }} ellipsis={{ rows: 2, tooltip: l(k.explanation) }}>
          {l(k.explanation)}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** Every option label any form of this case type declares: facts recorded by actions reuse them. */
function optionLabels(ct: CaseTypeInfo | undefined): Record<string, Bi> {
  const out: Record<string, Bi> = {};
  const walk = (x: unknown) => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    const o = x as JsonSchema;
    if (o.options && typeof o.options === 'object') Object.assign(out, o.options);
    for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v);
  };
  if (ct) {
    walk(ct.create.schema);
    for (const a of Object.values(ct.actions)) walk(a.schema);
    for (const [k, o] of Object.entries(ct.outcomes)) out[k] ??= o.label;
  }
  return out;
}

function FactValue({ v, schema, labels }: { v: unknown; schema?: JsonSchema; labels: Record<string, Bi> }) {
  const { lang, l } = useI18n();
  if (v === null || v === undefined || v === '') return <>—</>;
  if (schema && (unwrap(schema).schema.enum || unwrap(schema).schema.items)) {
    const shown = displayValue(schema, v, lang);
    if (!shown.includes('{')) return <>{shown}</>;
  }
  const word = (x: unknown): string => {
    if (typeof x === 'boolean') return x ? t0(lang, '是', 'Yes') : t0(lang, '否', 'No');
    const key = String(x);
    const b = labels[key] ?? VALUE_LABELS[key];
    return b ? l(b) : key;
  };
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return <>{v.map(word).join('、')}</>;
    return (
      <ol className="fact-list">
        {v.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: recorded facts have no identity of their own
          <li key={i}>
            <FactValue v={x} labels={labels} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof v === 'object') {
    const props = schema ? (unwrap(schema).schema.properties ?? {}) : {};
    return (
      <div className="fact-object">
        {Object.entries(v as Record<string, unknown>).map(([k, x]) => (
          <div key={k}>
            <span className="fact-key">{props[k] ? fieldLabel(props[k], k, lang) : FACT_LABELS[k] ? l(FACT_LABELS[k]) : k}：</span>
            <FactValue v={x} schema={props[k]} labels={labels} />
          </div>
        ))}
      </div>
    );
  }
  return <>{word(v)}</>;
}

const t0 = (lang: string, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** Facts as a descriptions list, labelled with the create schema's titles where a key matches. */
function Facts({ data, ct }: { data: Record<string, unknown>; ct?: CaseTypeInfo }) {
  const { lang, l } = useI18n();
  const schema = ct?.create.schema;
  const props = unwrap(schema ?? {}).schema.properties ?? {};
  const labels = optionLabels(ct);
  const categories = useDisputeCategories(ct?.type === 'mediation');
  const entries = Object.entries(data ?? {}).filter(([k]) => !HIDDEN_FACTS.has(k) && !PANEL_FACTS.has(k) && !DISPUTE_BOOKKEEPING.has(k));
  // A dispute category shows by name (the taxonomy is data, not an enum in the schema).
  for (const c of categories.data ?? []) labels[c.code] ??= { zh: c.nameZh, en: c.nameEn };
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  // Schema order first (the order people filled them in), then facts added later by actions.
  const order = Object.keys(props);
  entries.sort((a, b) => {
    const ia = order.indexOf(a[0]);
    const ib = order.indexOf(b[0]);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
  });
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={entries.map(([k, v]) => ({
        key: k,
        label: props[k] ? fieldLabel(props[k], k, lang) : FACT_LABELS[k] ? l(FACT_LABELS[k]) : k,
        span: v && typeof v === 'object' ? ('filled' as const) : undefined,
        children: (
          <span data-testid={`fact-${k}`}>
            <FactValue v={v} schema={props[k]} labels={labels} />
          </span>
        ),
      }))}
    />
  );
}

function Parties({ parties }: { parties: Party[] }) {
  const { t, l } = useI18n();
  return (
    <Table<Party>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={parties}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('partyRole'), dataIndex: 'roleLabel', render: (v) => l(v) },
        { title: t('partyName'), dataIndex: 'name' },
        { title: t('partyPhone'), dataIndex: 'phone', render: (v) => v ?? '—' },
        { title: t('partyId'), dataIndex: 'idNumber', render: (v) => v ?? '—' },
        { title: t('partyCredit'), dataIndex: 'creditCode', render: (v) => v ?? '—', responsive: ['md'] },
      ]}
    />
  );
}

function Links({
  c,
  relations,
  onChanged,
}: {
  c: Detail;
  relations?: { relation: string; label: { zh: string; en: string } }[];
  onChanged: () => unknown;
}) {
  const { t, l } = useI18n();
  const can = useCan();
  const [form] = Form.useForm<{ toNumber: string; relation: string }>();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const showProblem = useShowProblem();
  const submit = async (v: { toNumber: string; relation: string }) => {
    setBusy(true);
    try {
      await cases.link(c.id, { toNumber: v.toNumber.trim(), relation: v.relation });
      form.resetFields();
      onChanged();
      // The other case shows the link too.
      qc.invalidateQueries({ queryKey: ['case'] });
    } catch (e) {
      showProblem(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('links')} size="small" data-testid="case-links">
      <ItemList
        items={c.links}
        empty={t('none')}
        render={(k) => ({
          key: `${k.direction}:${k.relation}:${k.case.id}`,
          testId: `link-${k.case.id}`,
          content: (
            <div style={{ minWidth: 0 }}>
              <Tag>{k.direction === 'out' ? t('linkOut') : t('linkIn')}</Tag>
              <Typography.Text type="secondary">{l(k.label)}</Typography.Text>
              <div>
                <Link to={`/cases/${k.case.id}`}>
                  <LinkOutlined /> {k.case.number ?? t('noNumber')}
                </Link>{' '}
                <span style={{ color: 'rgba(0,0,0,0.55)' }}>
                  {l(k.case.typeLabel)} · {l(k.case.stateLabel)}
                </span>
              </div>
              <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                {k.case.title}
              </Typography.Text>
            </div>
          ),
        })}
      />
      {can('case.link') && (
        <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 12 }} data-testid="link-form">
          <Form.Item name="toNumber" label={t('linkNumber')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input data-testid="link-number" />
          </Form.Item>
          <Form.Item name="relation" label={t('linkRelation')} rules={[{ required: true, message: t('requiredHint') }]}>
            {relations?.length ? (
              <Select data-testid="link-relation" options={relations.map((r) => ({ value: r.relation, label: l(r.label) }))} />
            ) : (
              <Input data-testid="link-relation" />
            )}
          </Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="link-submit">
            {t('addLink')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function Attachments({ c, onChanged }: { c: Detail; onChanged: () => unknown }) {
  const { t } = useI18n();
  const can = useCan();
  const [kind, setKind] = useState('evidence');
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const kinds = [
    { value: 'evidence', label: t('kindEvidence') },
    { value: 'material', label: t('kindMaterial') },
    { value: 'other', label: t('kindOther') },
  ];
  return (
    <Card title={t('attachments')} size="small" data-testid="case-attachments">
      <ItemList
        items={c.attachments}
        empty={t('none')}
        render={(a) => ({
          key: a.id,
          actions: (
            <a href={cases.attachmentHref(c.id, a.id)} data-testid={`attachment-${a.id}`}>
              <DownloadOutlined /> {t('download')}
            </a>
          ),
          content: (
            <div style={{ minWidth: 0 }}>
              <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                {a.filename}
              </Typography.Text>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                {kinds.find((k) => k.value === a.kind)?.label ?? a.kind} · {formatSize(a.size)}
              </div>
            </div>
          ),
        })}
      />
      {can('case.attach') && (
        <Space wrap style={{ marginTop: 12 }}>
          <Select value={kind} onChange={setKind} options={kinds} style={{ width: 120 }} data-testid="attachment-kind" />
          <Upload
            showUploadList={false}
            beforeUpload={async (file) => {
              setBusy(true);
              try {
                await cases.upload(c.id, file, kind);
                message.success(t('uploaded'));
                onChanged();
              } catch (e) {
                showProblem(e);
              } finally {
                setBusy(false);
              }
              // We upload ourselves (api.ts); antd must not post the file again.
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="attachment-upload">
              {t('upload')}
            </Button>
          </Upload>
        </Space>
      )}
    </Card>
  );
}
