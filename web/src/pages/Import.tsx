import { DownloadOutlined } from '@ant-design/icons';
import { ImportFileDrop } from '../components/ImportFileDrop.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { cases, type ImportReport } from '../api.js';
import { ErrorState, Loading, useShowProblem } from '../components/ui.js';
import { useI18n } from '../i18n.js';
import { useCaseTypes } from '../session.js';

/** Choose a type, upload, read the dry-run report row by row, then commit the same file. */
export default function Import() {
  const { t, l, lang } = useI18n();
  const types = useCaseTypes();
  const qc = useQueryClient();
  const showProblem = useShowProblem();
  const [type, setType] = useState<string>();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);

  if (types.isPending) return <Loading />;
  if (types.error) return <ErrorState error={types.error} onRetry={() => types.refetch()} />;

  const run = async (dryRun: boolean) => {
    if (!type || !file) return;
    setBusy(dryRun ? 'check' : 'commit');
    try {
      const r = await cases.importFile(type, file, dryRun);
      setReport(r);
      if (!dryRun) {
        qc.invalidateQueries({ queryKey: ['cases'] });
        qc.invalidateQueries({ queryKey: ['todo'] });
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
      <Typography.Title level={4} className="page-title">
        {t('importTitle')}
      </Typography.Title>
      <Card size="small">
        <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 560 }}>
          <Space wrap>
            <Select
              data-testid="import-type"
              placeholder={t('importType')}
              value={type}
              onChange={(v) => {
                setType(v);
                setReport(null);
              }}
              options={types.data.map((ct) => ({ value: ct.type, label: l(ct.label) }))}
              style={{ width: 220 }}
            />
            {type && (
              <Button icon={<DownloadOutlined />} href={cases.importTemplateHref(type)} data-testid="import-template">
                {t('importTemplate')}
              </Button>
            )}
          </Space>
          <ImportFileDrop
            testId="import-file"
            onChange={(f) => {
              setFile(f);
              setReport(null);
            }}
          />
          <Space wrap>
            <Button disabled={!type || !file} loading={busy === 'check'} onClick={() => run(true)} data-testid="import-dry-run">
              {t('dryRun')}
            </Button>
            <Button
              type="primary"
              disabled={!report?.dryRun || report.failed > 0 || report.ok === 0}
              loading={busy === 'commit'}
              onClick={() => run(false)}
              data-testid="import-commit"
            >
              {t('commitImport')}
            </Button>
          </Space>
        </Space>
      </Card>
      {report && (
        <Card size="small" title={t('importReport')} data-testid="import-report">
          <Alert
            showIcon
            style={{ marginBottom: 12 }}
            type={committed ? 'success' : report.failed > 0 ? 'warning' : 'info'}
            title={
              committed
                ? t('importCreated', { n: report.created ?? report.ok })
                : t('importSummary', { total: report.total, ok: report.ok, failed: report.failed })
            }
            description={!committed && report.failed > 0 ? t('importFixFirst') : undefined}
            data-testid="import-summary"
          />
          <Table
            size="small"
            rowKey="row"
            dataSource={failedRows.length ? failedRows : report.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={(r) => ({ 'data-testid': `import-row-${r.row}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('row'), dataIndex: 'row', width: 80 },
              { title: t('rowOk'), dataIndex: 'ok', width: 80, render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{ok ? t('yes') : t('no')}</Tag> },
              {
                title: t('rowErrors'),
                dataIndex: 'errors',
                render: (errs: ImportReport['rows'][number]['errors']) =>
                  errs.length ? (
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
