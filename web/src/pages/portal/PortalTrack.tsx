import { ApartmentOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError, portal, type TrackResult } from '../../api.js';
import { ItemList } from '../../components/ItemList.js';
import { MessageRoom } from '../../components/MessageRoom.js';
import { SchemaForm } from '../../components/SchemaForm.js';
import { problemText, StateTag } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';

interface Asked {
  trackingCode: string;
  contact: string;
}

export default function PortalTrack() {
  const { t, l, lang } = useI18n();
  const [params] = useSearchParams();
  const [result, setResult] = useState<TrackResult | null>(null);
  const [asked, setAsked] = useState<Asked | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const lookUp = async (a: Asked) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await portal.track(a.trackingCode, a.contact));
      setAsked(a);
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (v: { trackingCode: string; contact: string }) => lookUp({ trackingCode: v.trackingCode.trim().toUpperCase(), contact: v.contact.trim() });
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
      {result && asked && (
        <>
          <Card data-testid="track-result" title={l(result.typeLabel)}>
            {result.handler && (
              <Alert
                type="info"
                showIcon
                icon={<ApartmentOutlined />}
                style={{ marginBottom: 12 }}
                title={<span data-testid="track-handler">{t('routedTo', { name: result.handler })}</span>}
                description={
                  (result.routing?.reasons?.length ?? 0) > 0 ? (
                    <ul className="reason-list" data-testid="track-reasons">
                      {(result.routing?.reasons ?? []).map((r) => (
                        <li key={l(r)}>{l(r)}</li>
                      ))}
                    </ul>
                  ) : undefined
                }
              />
            )}
            {(result.handedOff ?? []).map((h) => (
              <Alert
                key={h.trackingCode}
                type="success"
                showIcon
                icon={<SwapOutlined />}
                style={{ marginBottom: 12 }}
                data-testid="track-handoff"
                title={t('handedOff', { type: l(h.typeLabel), code: h.trackingCode })}
                description={
                  <Space wrap>
                    {h.stateLabel && <Tag>{l(h.stateLabel)}</Tag>}
                    <Button size="small" onClick={() => lookUp({ trackingCode: h.trackingCode, contact: asked.contact })} data-testid={`track-handoff-${h.trackingCode}`}>
                      {t('goTrack')}
                    </Button>
                  </Space>
                }
              />
            ))}
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'code', label: t('trackingCode'), children: <span data-testid="track-result-code">{result.trackingCode}</span> },
                { key: 'state', label: t('state'), children: <StateTag label={result.stateLabel} category={result.category} /> },
                { key: 'received', label: t('receivedOn'), children: result.receivedOn },
                ...(result.handler ? [{ key: 'handler', label: t('handler'), children: result.handler }] : []),
                ...(result.number ? [{ key: 'number', label: t('caseNumber'), children: result.number }] : []),
                ...(result.outcomeLabel
                  ? [{ key: 'outcome', label: t('resultLabel'), children: <Tag color="purple">{l(result.outcomeLabel)}</Tag> }]
                  : []),
              ]}
            />
            <Timeline
              style={{ marginTop: 16 }}
              data-testid="track-timeline"
              items={result.timeline.map((e, i) => ({ key: i, content: `${e.effectiveOn}  ${l(e.label)}` }))}
            />
            {(result.documents?.length ?? 0) > 0 && (
              <ItemList header={t('documents')} items={result.documents ?? []} render={(d) => ({ key: d.key, content: l(d.label) })} />
            )}
          </Card>
          {(result.actions ?? []).map((a) => (
            <PartyAction key={`${a.key}:${result.version ?? ''}`} action={a} asked={asked} onDone={() => lookUp(asked)} />
          ))}
          {result.messages && (
            <Card title={t('room')} data-testid="track-room">
              <MessageRoom
                queryKey={['portal-messages', asked.trackingCode]}
                load={() => portal.messages(asked.trackingCode, asked.contact)}
                send={(body, file) => portal.postMessage(asked.trackingCode, asked.contact, body, file)}
                me="party"
              />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}

/** One thing the party may do now (确认签名, 满意度评价), with the action's own form. */
function PartyAction({ action, asked, onDone }: { action: NonNullable<TrackResult['actions']>[number]; asked: Asked; onDone: () => void }) {
  const { t, l } = useI18n();
  const { message } = App.useApp();
  return (
    <Card title={`${t('partyActions')} · ${l(action.label)}`} data-testid={`party-action-${action.key}`}>
      <SchemaForm
        testId={`party-form-${action.key}`}
        schema={action.schema}
        submitTestId={`party-submit-${action.key}`}
        onSubmit={async (input) => {
          await portal.act(action.key, asked.trackingCode, asked.contact, input);
          message.success(t('partyActionDone', { a: l(action.label) }));
          onDone();
        }}
      />
    </Card>
  );
}
