/**
 * The online room (在线调解室) of a case: the same list for staff and for the party on the portal,
 * a composer with an optional file. Polls while open so the other side's answers appear.
 */
import { PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { CaseMessage } from '../api.js';
import { useI18n } from '../i18n.js';
import { formatInstant } from '../util.js';
import { formatSize, problemText } from './ui.js';

/** New messages show within this time without a reload. */
const POLL_MS = 10_000;

export function MessageRoom({
  queryKey,
  load,
  send,
  me,
  attachmentHref,
  canWrite = true,
}: {
  queryKey: unknown[];
  load: () => Promise<CaseMessage[]>;
  send: (body: string, file?: File) => Promise<unknown>;
  /** Whose messages are "mine" (shown on the right). */
  me: CaseMessage['authorKind'];
  attachmentHref?: (m: CaseMessage) => string | undefined;
  canWrite?: boolean;
}) {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey, queryFn: load, refetchInterval: POLL_MS });
  const [body, setBody] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await send(body.trim(), file);
      setBody('');
      setFile(undefined);
      await q.refetch();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (e: unknown) => {
    const p = problemText(lang, e);
    const fields = (e as { problem?: { errors?: { zh: string; en: string }[] } })?.problem?.errors ?? [];
    return fields.length ? fields.map((f) => (lang === 'zh' ? f.zh : f.en)).join('；') : p.detail;
  };

  return (
    <div data-testid="message-room">
      {q.error ? (
        <Alert type="error" showIcon title={problemText(lang, q.error).title} />
      ) : (q.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q.isPending ? t('loading') : t('roomEmpty')} />
      ) : (
        <div className="room-list" data-testid="message-list">
          {(q.data ?? []).map((m) => {
            const mine = m.authorKind === me;
            const href = m.attachment ? attachmentHref?.(m) : undefined;
            return (
              <div key={m.id} className={`room-msg ${mine ? 'mine' : ''}`} data-testid={`message-${m.authorKind}`}>
                <div className="room-meta">
                  <Tag color={m.authorKind === 'party' ? 'gold' : 'blue'} style={{ marginInlineEnd: 4 }}>
                    {m.authorKind === 'party' ? t('authorParty') : t('authorStaff')}
                  </Tag>
                  <span>{m.authorLabel}</span> · <span>{formatInstant(m.createdAt, lang)}</span>
                </div>
                <div className="room-body">{m.body}</div>
                {m.attachment && (
                  <div className="room-file">
                    <PaperClipOutlined />{' '}
                    {href ? (
                      <a href={href} data-testid={`message-file-${m.attachment.id}`}>
                        {m.attachment.filename}
                      </a>
                    ) : (
                      m.attachment.filename
                    )}{' '}
                    <Typography.Text type="secondary">{formatSize(m.attachment.size)}</Typography.Text>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      )}
      {canWrite && (
        <div style={{ marginTop: 12 }}>
          {error !== null && (
            <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problemText(lang, error).title} description={fieldError(error)} data-testid="message-error" />
          )}
          <Input.TextArea
            value={body}
            onChange={(e) => setBody(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            placeholder={t('roomPlaceholder')}
            data-testid="message-body"
          />
          <Space wrap style={{ marginTop: 8, width: '100%', justifyContent: 'space-between' }}>
            <Upload
              showUploadList={false}
              beforeUpload={(f) => {
                setFile(f);
                // Sent together with the message, not on its own.
                return Upload.LIST_IGNORE;
              }}
            >
              <Button icon={<PaperClipOutlined />} data-testid="message-file">
                {file ? file.name : t('attachFile')}
              </Button>
            </Upload>
            <Button type="primary" icon={<SendOutlined />} loading={busy} disabled={!body.trim()} onClick={submit} data-testid="message-send">
              {t('send')}
            </Button>
          </Space>
        </div>
      )}
    </div>
  );
}
