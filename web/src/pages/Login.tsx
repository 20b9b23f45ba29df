import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { auth } from '../api.js';
import { LangSwitch } from '../components/LangSwitch.js';
import { problemText } from '../components/ui.js';
import { useI18n } from '../i18n.js';
import { safeNext } from '../util.js';

export default function Login() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { username: string; password: string }) => {
    setError(null);
    setBusy(true);
    try {
      const res = await auth.login(v.username.trim(), v.password);
      // The login answer carries the user; the full profile (permissions) comes from /auth/me.
      qc.removeQueries({ queryKey: ['me'] });
      navigate(res?.user?.mustChangePassword ? '/password' : safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const err = error ? problemText(lang, error) : null;

  return (
    <div className="login-page">
      <Card className="login-card" data-testid="login-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('appName')}
          </Typography.Title>
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('loginTitle')}</Typography.Text>
          <LangSwitch />
        </div>
        {err && (
          <Alert
            type="error"
            showIcon
            title={err.title}
            description={err.detail}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form layout="vertical" onFinish={submit} data-testid="login-form" requiredMark={false}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to="/portal" data-testid="to-portal">
            {t('toPortal')}
          </Link>
        </div>
      </Card>
    </div>
  );
}
