import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Modal, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type RegisterEntry as Entry, type RegisterHistoryRow, type RegisterInfo, registers } from '../../api.js';
import { SchemaForm } from '../../components/SchemaForm.js';
import { fieldLabel, fieldsOf } from '../../components/schema.js';
import { ErrorState, isStale, Loading } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';
import { useCan } from '../../session.js';
import { formatInstant } from '../../util.js';
import { changedFields, labelAt, schemaAt, showValue, useRegisterDefs } from './common.js';

/** `/registers/:key/new` and `/registers/:key/:id`. */
export default function RegisterEntryPage() {
  const { key = '', id = 'new' } = useParams();
  const { t } = useI18n();
  const defs = useRegisterDefs();
  if (defs.isPending) return <Loading />;
  if (defs.error) return <ErrorState error={defs.error} onRetry={() => defs.refetch()} />;
  const def = defs.data.find((d) => d.key === key);
  if (!def) return <Result status="404" title={t('notFound')} subTitle={key} />;
  return id === 'new' ? <NewEntry def={def} /> : <EntryView def={def} id={id} />;
}

function Back({ def }: { def: RegisterInfo }) {
  const { l } = useI18n();
  return (
    <Link to={`/registers/${def.key}`} data-testid="register-back">
      ← {l(def.label)}
    </Link>
  );
}

function NewEntry({ def }: { def: RegisterInfo }) {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Back def={def} />
      <Card title={`${t('newEntry')} · ${l(def.label)}`}>
        <SchemaForm
          testId="register-form"
          schema={def.inputSchema}
          submitTestId="register-submit"
          onSubmit={async (input) => {
            const e = await registers.create(def.key, input);
            qc.invalidateQueries({ queryKey: ['register', def.key] });
            qc.invalidateQueries({ queryKey: ['register-count', def.key] });
            message.success(t('entryCreated'));
            navigate(`/registers/${def.key}/${e.id}`);
          }}
        />
      </Card>
    </Space>
  );
}

function EntryView({ def, id }: { def: RegisterInfo; id: string }) {
  const { t, l, lang } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const q = useQuery({ queryKey: ['register-entry', def.key, id], queryFn: () => registers.get(def.key, id) });
  const history = useQuery({ queryKey: ['register-history', def.key, id], queryFn: () => registers.history(def.key, id) });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const e: Entry = q.data;
  const statusLabel = e.status ? (def.statuses?.[e.status] ? l(def.statuses[e.status]) : e.status) : null;
  const rows = history.data ?? [];
  const fields = fieldsOf(def.inputSchema).filter((f) => e.data?.[f.key] !== undefined);

  const save = async (input: Record<string, unknown>) => {
    const patch = changedFields(e.data ?? {}, input);
    if (Object.keys(patch).length === 0) {
      setEditing(false);
      return;
    }
    const updated = await registers.patch(def.key, e.id, e.version, patch);
    qc.setQueryData(['register-entry', def.key, id], updated);
    qc.invalidateQueries({ queryKey: ['register-history', def.key, id] });
    qc.invalidateQueries({ queryKey: ['register', def.key] });
    message.success(t('saved'));
    setEditing(false);
  };
  const saveError = (err: unknown) => {
    if (isStale(err) || (err as { status?: number })?.status === 409) {
      // Someone saved in between: show their version rather than overwrite it.
      setStale(true);
      setEditing(false);
      q.refetch();
      history.refetch();
      return;
    }
    message.error(String((err as Error)?.message ?? err));
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Back def={def} />
      {stale && <Alert type="warning" showIcon closable onClose={() => setStale(false)} title={t('entryStale')} data-testid="register-stale" />}
      <Card
        data-testid="register-entry"
        title={
          <Space wrap>
            <span data-testid="register-entry-title">{e.title}</span>
            {statusLabel && <Tag>{statusLabel}</Tag>}
          </Space>
        }
        extra={
          can(def.permissions.write) && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="register-edit">
              {t('editEntry')}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: '_date', label: t('colDate'), children: e.occurredOn ?? '—' },
            { key: '_region', label: t('colRegion'), children: e.regionName ?? e.regionCode ?? '—' },
            ...fields.map((f) => ({
              key: f.key,
              label: fieldLabel(f.schema, f.key, lang),
              children: <span data-testid={`entry-${f.key}`}>{showValue(def.inputSchema, f.key, e.data[f.key], lang)}</span>,
            })),
            { key: '_version', label: t('version'), children: e.version },
          ]}
        />
      </Card>
      <Card size="small" title={t('history')} data-testid="register-history">
        {history.error ? (
          <ErrorState error={history.error} onRetry={() => history.refetch()} />
        ) : rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Table<RegisterHistoryRow>
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-testid': `history-row-${r.version}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('version'), dataIndex: 'version', width: 60 },
              {
                title: t('historyWhen'),
                key: 'at',
                render: (_, r) => formatInstant(r.at, lang),
              },
              { title: t('historyWho'), key: 'who', render: (_, r) => <span data-testid={`history-who-${r.version}`}>{r.actorLabel ?? '—'}</span> },
              {
                title: t('historyWhat'),
                key: 'what',
                render: (_, r) => {
                  const entries = historyEntries(r.change ?? {});
                  if (entries.length === 0) return '—';
                  return (
                    <div className="fact-object">
                      {entries.map(([k, v]) => (
                        <div key={k}>
                          <span className="fact-key">{k === 'status' && !schemaAt(def.inputSchema, k) ? t('colStatus') : labelAt(def.inputSchema, k, lang)}：</span>
                          {historyValue(def, k, v, lang)}
                        </div>
                      ))}
                    </div>
                  );
                },
              },
            ]}
          />
        )}
      </Card>
      <Modal open={editing} title={`${t('editEntry')} · ${e.title}`} onCancel={() => setEditing(false)} footer={null} destroyOnHidden width={640}>
        <Typography.Paragraph type="secondary">
          {t('version')} {e.version}
        </Typography.Paragraph>
        <SchemaForm
          key={e.version}
          testId="register-edit-form"
          schema={def.inputSchema}
          initialValues={e.data}
          submitTestId="register-edit-submit"
          onSubmit={save}
          onError={saveError}
          onCancel={() => setEditing(false)}
        />
      </Modal>
    </Space>
  );
}

/**
 * The input fields a history row changed. Promoted columns (title, occurredOn …) repeat input fields
 * under other names, so only `data` is listed — plus a status that lives only in its column.
 */
function historyEntries(change: RegisterHistoryRow['change']): [string, unknown][] {
  const data = change.data ?? {};
  const out = Object.entries(data);
  if (change.status !== undefined && !('status' in data)) out.push(['status', change.status]);
  return out;
}

function historyValue(def: RegisterInfo, key: string, v: unknown, lang: 'zh' | 'en'): string {
  if (key === 'status' && typeof v === 'string' && def.statuses?.[v]) return def.statuses[v][lang];
  return showValue(def.inputSchema, key, v, lang);
}
