import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { auth, isApiError } from '../api.js';
import { pathToName } from '../components/schema.js';
import { useShowProblem } from '../components/ui.js';
import { useI18n } from '../i18n.js';
import { useMe } from '../session.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePassword() {
  const { t, lang } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const showProblem = useShowProblem();

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await auth.changePassword(v.currentPassword, v.newPassword);
      message.success(t('passwordChanged'));
      await qc.invalidateQueries({ queryKey: ['me'] });
      navigate('/', { replace: true });
    } catch (e) {
      if (isApiError(e) && e.problem.errors?.length) {
        form.setFields(
          e.problem.errors.map((er) => ({ name: pathToName(er.path)[0] as keyof Values, errors: [lang === 'zh' ? er.zh : er.en] })),
        );
      } else showProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 480 }}>
      <Typography.Title level={4} className="page-title">
        {t('changePassword')}
      </Typography.Title>
      {me.data?.mustChangePassword && <Alert type="warning" showIcon title={t('mustChangePassword')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="password-form">
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('requiredHint') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, message: t('requiredHint') }]}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('requiredHint') },
            ({ getFieldValue }) => ({
              validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}
