import { FileSearchOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { portal } from '../../api.js';
import { ErrorState, Loading } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';
import { hintLines } from '../../util.js';

export function usePortalTypes() {
  return useQuery({ queryKey: ['portal-types'], queryFn: portal.types, staleTime: 10 * 60 * 1000 });
}

export default function PortalHome() {
  const { t, l, lang } = useI18n();
  const q = usePortalTypes();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
        {t('portalWelcome')}
      </Typography.Title>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.length === 0 ? (
        <Empty description={t('noPortalTypes')} />
      ) : (
        q.data.map((pt) => {
          const hints = hintLines(pt.hints, lang);
          return (
            <Card key={pt.type} data-testid={`portal-type-${pt.type}`} title={l(pt.label)}>
              {pt.description && <Typography.Paragraph type="secondary">{l(pt.description)}</Typography.Paragraph>}
              {hints.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t('preconditionTitle')}
                  data-testid={`portal-hints-${pt.type}`}
                  description={
                    <>
                      <div style={{ marginBottom: 4 }}>{t('preconditionIntro')}</div>
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {hints.map((h, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: hint lines have no identity of their own
                          <li key={i}>
                            {h.title && <strong>{h.title}：</strong>}
                            {h.text}
                          </li>
                        ))}
                      </ul>
                    </>
                  }
                />
              )}
              <Link to={`/portal/apply/${pt.type}`}>
                <Button type="primary" size="large" block icon={<FormOutlined />} data-testid={`portal-apply-${pt.type}`}>
                  {t('apply', { type: l(pt.label) })}
                </Button>
              </Link>
            </Card>
          );
        })
      )}
      <Card>
        <Link to="/portal/track">
          <Button size="large" block icon={<FileSearchOutlined />} data-testid="portal-go-track">
            {t('goTrack')}
          </Button>
        </Link>
      </Card>
    </Space>
  );
}
