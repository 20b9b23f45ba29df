import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError, portal, type TrackResult } from '../../api.js';
import { ItemList } from '../../components/ItemList.js';
import { problemText, StateTag } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';

export default function PortalTrack() {
  const { t, l, lang } = useI18n();
  const [params] = useSearchParams();
  const [result, setResult] = useState<TrackResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { trackingCode: string; contact: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await portal.track(v.trackingCode.trim(), v.contact.trim()));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const err = error ? problemText(lang, error) : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('trackTitle')}>
        <Form layout="vertical" onFinish={submit} initialValues={{ trackingCode: params.get('code') ?? '' }} data-testid="track-form">
          <Form.Item name="trackingCode" label={t('trackingCode')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input size="large" autoComplete="off" data-testid="track-code" />
          </Form.Item>
          <Form.Item name="contact" label={t('contact')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input size="large" autoComplete="off" data-testid="track-contact" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="track-submit">
            {t('search')}
          </Button>
        </Form>
      </Card>
      {err && (
        <Alert
          type={isApiError(error) && error.status === 404 ? 'warning' : 'error'}
          showIcon
          title={isApiError(error) && error.status === 404 ? t('trackNotFound') : err.title}
          description={isApiError(error) && error.status === 404 ? err.title : err.detail}
          data-testid="track-error"
        />
      )}
      {result && (
        <Card data-testid="track-result" title={l(result.typeLabel)}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'code', label: t('trackingCode'), children: <span data-testid="track-result-code">{result.trackingCode}</span> },
              { key: 'state', label: t('state'), children: <StateTag label={result.stateLabel} category={result.category} /> },
              { key: 'received', label: t('receivedOn'), children: result.receivedOn },
              ...(result.number ? [{ key: 'number', label: t('caseNumber'), children: result.number }] : []),
              ...(result.outcomeLabel
                ? [{ key: 'outcome', label: t('resultLabel'), children: <Tag color="purple">{l(result.outcomeLabel)}</Tag> }]
                : []),
            ]}
          />
          <Timeline
            style={{ marginTop: 16 }}
            items={result.timeline.map((e, i) => ({ key: i, content: `${e.effectiveOn}  ${l(e.label)}` }))}
          />
          {(result.documents?.length ?? 0) > 0 && (
            <ItemList header={t('documents')} items={result.documents ?? []} render={(d) => ({ key: d.key, content: l(d.label) })} />
          )}
        </Card>
      )}
    </Space>
  );
}
