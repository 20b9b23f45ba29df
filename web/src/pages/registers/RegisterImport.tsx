import { DownloadOutlined } from '@ant-design/icons';
import { ImportFileDrop } from '../../components/ImportFileDrop.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type ImportReport, registers } from '../../api.js';
import { ErrorState, Loading, useShowProblem } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';
import { useRegisterDefs } from './common.js';

/** Excel import into a register: a dry run lists each row's problems; only a clean file is committed. */
export default function RegisterImport() {
  const { key = '' } = useParams();
  const { t, l, lang } = useI18n();
  const defs = useRegisterDefs();
  const qc = useQueryClient();
  const showProblem = useShowProblem();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);
  if (defs.isPending) return <Loading />;
  if (defs.error) return <ErrorState error={defs.error} onRetry={() => defs.refetch()} />;
  const def = defs.data.find((d) => d.key === key);
  if (!def) return <Result status="404" title={t('notFound')} subTitle={key} />;

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'commit');
    try {
      setReport(await registers.importFile(def.key, file, dryRun));
      if (!dryRun) {
        qc.invalidateQueries({ queryKey: ['register', def.key] });
        qc.invalidateQueries({ queryKey: ['register-count', def.key] });
      }
    } catch (e) {
      showProblem(e);
    } finally {
      setBusy(null);
    }
  };
  const committed = report && !report.dryRun;
  const failedRows = report?.rows.filter((r) => !r.ok) ?? [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to={`/registers/${def.key}`}>← {l(def.label)}</Link>
      <Card title={`${t('importEntries')} · ${l(def.label)}`}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button icon={<DownloadOutlined />} href={registers.templateHref(def.key)} data-testid="register-template" style={{ alignSelf: 'flex-start' }}>
            {t('importTemplate')}
          </Button>
          <ImportFileDrop
            testId="register-import-file"
            onChange={(f) => {
              setFile(f);
              setReport(null);
            }}
          />
          <Space wrap>
            <Button disabled={!file} loading={busy === 'check'} onClick={() => run(true)} data-testid="register-import-dry-run">
              {t('dryRun')}
            </Button>
            <Button
              type="primary"
              disabled={!report?.dryRun || report.failed > 0 || report.ok === 0}
              loading={busy === 'commit'}
              onClick={() => run(false)}
              data-testid="register-import-commit"
            >
              {t('commitImport')}
            </Button>
          </Space>
        </Space>
      </Card>
      {report && (
        <Card size="small" title={t('importReport')} data-testid="register-import-report">
          <Alert
            showIcon
            style={{ marginBottom: 12 }}
            type={committed ? 'success' : report.failed > 0 ? 'warning' : 'info'}
            title={committed ? t('importedEntries', { n: report.created ?? report.ok }) : t('importSummary', { total: report.total, ok: report.ok, failed: report.failed })}
            description={!committed && report.failed > 0 ? t('importFixFirst') : undefined}
          />
          <Table
            size="small"
            rowKey="row"
            dataSource={failedRows.length ? failedRows : report.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={(r) => ({ 'data-testid': `register-import-row-${r.row}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('row'), dataIndex: 'row', width: 80 },
              { title: t('rowOk'), dataIndex: 'ok', width: 80, render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{ok ? t('yes') : t('no')}</Tag> },
              {
                title: t('rowErrors'),
                dataIndex: 'errors',
                render: (errs: ImportReport['rows'][number]['errors']) =>
                  errs?.length ? (
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {errs.map((e) => (
                        <li key={`${e.path}:${e.en}`}>
                          {e.path && <Typography.Text code>{e.path}</Typography.Text>} {lang === 'zh' ? e.zh : e.en}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
