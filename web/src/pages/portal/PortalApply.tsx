import { CheckCircleTwoTone, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Result, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Attachment, isApiError, portal } from '../../api.js';
import { ItemList } from '../../components/ItemList.js';
import { SchemaForm } from '../../components/SchemaForm.js';
import { findWidgetValue } from '../../components/schema.js';
import { ErrorState, Loading, problemText } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';
import { uuid } from '../../util.js';
import { usePortalTypes } from './PortalHome.js';

interface Submitted {
  trackingCode: string;
  receivedOn: string;
  message: { zh: string; en: string };
  contact?: string;
}

export default function PortalApply() {
  const { type = '' } = useParams();
  const { t, l, lang } = useI18n();
  const q = usePortalTypes();
  // One key per filled-in form: a retry after a timeout cannot file the application twice.
  const idempotencyKey = useRef(uuid());
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<Submitted | null>(null);
  // The receipt replaces a long form: start it at the top, where the tracking code is.
  useEffect(() => {
    if (done) window.scrollTo(0, 0);
  }, [done]);

  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const pt = q.data.find((x) => x.type === type);
  if (!pt) return <Result status="404" title={t('unknownType')} subTitle={type} />;
  if (done) return <Receipt type={type} done={done} />;

  return (
    <Card title={`${t('applyTitle')} · ${l(pt.label)}`}>
      {failure !== null && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={problemText(lang, failure).title}
          description={isApiError(failure) && failure.status >= 500 || (isApiError(failure) && failure.status === 0) ? t('retryKeepsKey') : problemText(lang, failure).detail}
          data-testid="apply-error"
        />
      )}
      <SchemaForm
        testId="apply-form"
        schema={pt.schema}
        submitTestId="apply-submit"
        onSubmit={async (input) => {
          setFailure(null);
          const res = await portal.apply(type, input, idempotencyKey.current);
          setDone({ ...res, contact: findWidgetValue(pt.schema, input, ['phone', 'idNumber']) });
        }}
        onError={setFailure}
      />
    </Card>
  );
}

function Receipt({ type, done }: { type: string; done: Submitted }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const [contact, setContact] = useState(done.contact ?? '');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { lang } = useI18n();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(done.trackingCode);
      message.success(t('copied'));
    } catch {
      // clipboard needs a secure context; the code stays selectable on screen
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="apply-receipt">
        <Result
          icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
          title={t('submitted')}
          subTitle={l(done.message)}
          style={{ padding: '16px 0' }}
        />
        <div style={{ textAlign: 'center' }}>
          <Typography.Text type="secondary">{t('trackingCode')}</Typography.Text>
          <div className="tracking-code" data-testid="tracking-code">
            {done.trackingCode}
          </div>
          <Button onClick={copy} style={{ marginTop: 8 }} data-testid="copy-tracking-code">
            {t('copy')}
          </Button>
          <Alert type="warning" showIcon style={{ marginTop: 16, textAlign: 'left' }} title={t('keepCode')} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('receivedOn')}：{done.receivedOn}
          </Typography.Paragraph>
        </div>
      </Card>
      <Card title={t('evidenceStep')} data-testid="evidence-step">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input
            value={contact}
            onChange={(e) => setContact(e.target.value)}
            placeholder={t('evidenceContact')}
            data-testid="evidence-contact"
            inputMode="tel"
          />
          {error !== null && <Alert type="error" showIcon title={problemText(lang, error).title} description={problemText(lang, error).detail} />}
          <Upload
            className="block-upload"
            showUploadList={false}
            disabled={!contact.trim()}
            beforeUpload={async (file) => {
              setBusy(true);
              setError(null);
              try {
                const a = await portal.evidence(type, done.trackingCode, contact.trim(), file);
                setFiles((f) => [...f, a ?? { id: file.name, filename: file.name, kind: 'evidence', size: file.size, mime: file.type, createdAt: '' }]);
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} disabled={!contact.trim()} block data-testid="evidence-upload">
              {t('chooseFile')}
            </Button>
          </Upload>
          {files.length > 0 && (
            <ItemList
              items={files}
              testId="evidence-files"
              render={(f) => ({
                key: f.id,
                content: (
                  <>
                    <CheckCircleTwoTone twoToneColor="#52c41a" style={{ marginRight: 8 }} />
                    {f.filename}
                  </>
                ),
              })}
            />
          )}
        </Space>
      </Card>
      <Link to={`/portal/track?code=${encodeURIComponent(done.trackingCode)}`}>
        <Button type="primary" size="large" block data-testid="receipt-track">
          {t('goTrack')}
        </Button>
      </Link>
    </Space>
  );
}
