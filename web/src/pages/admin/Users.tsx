import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type AdminUser, admin, isApiError, itemsOf } from '../../api.js';
import { pathToName } from '../../components/schema.js';
import { AgencySelect, RegionSelect } from '../../components/OrgSelect.js';
import { ErrorState, useShowProblem } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';

interface UserForm {
  username?: string;
  displayName?: string;
  password?: string;
  roles: string[];
  regionCode?: string;
  agencyId?: string;
  agencyOnly: boolean;
  disabled?: boolean;
}

export default function Users() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const showProblem = useShowProblem();
  const users = useQuery({ queryKey: ['admin-users'], queryFn: admin.users });
  const roles = useQuery({ queryKey: ['admin-roles'], queryFn: admin.roles });
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [form] = Form.useForm<UserForm>();
  const [busy, setBusy] = useState(false);

  const roleName = (key: string) => {
    const r = roles.data?.find((x) => x.key === key);
    return r ? (lang === 'zh' ? r.nameZh : r.nameEn) : key;
  };
  const showPassword = (pw: string) =>
    modal.info({
      title: t('newPasswordOnce'),
      content: (
        <Typography.Text copyable strong style={{ fontSize: 18 }} data-testid="new-password">
          {pw}
        </Typography.Text>
      ),
    });
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin-users'] });

  const open = (u: AdminUser | 'new') => {
    setEditing(u);
    form.resetFields();
    form.setFieldsValue(
      u === 'new'
        ? { roles: [], agencyOnly: false }
        : {
            displayName: u.displayName,
            roles: u.roles,
            regionCode: u.regionCode,
            agencyId: u.agencyId ?? undefined,
            agencyOnly: u.agencyOnly,
            disabled: u.disabled,
          },
    );
  };

  const save = async (v: UserForm) => {
    setBusy(true);
    try {
      if (editing === 'new') {
        const res = await admin.createUser({ ...v, agencyId: v.agencyId || undefined });
        if (res?.newPassword) showPassword(res.newPassword);
      } else if (editing) {
        await admin.patchUser(editing.id, {
          displayName: v.displayName,
          roles: v.roles,
          regionCode: v.regionCode,
          agencyId: v.agencyId ?? null,
          agencyOnly: v.agencyOnly,
          disabled: v.disabled,
        });
      }
      message.success(t('saved'));
      setEditing(null);
      refresh();
    } catch (e) {
      if (isApiError(e) && e.problem.errors?.length) {
        form.setFields(e.problem.errors.map((er) => ({ name: pathToName(er.path)[0] as keyof UserForm, errors: [lang === 'zh' ? er.zh : er.en] })));
      } else showProblem(e);
    } finally {
      setBusy(false);
    }
  };

  const act = async (u: AdminUser, patch: { resetPassword?: true; unlock?: true }) => {
    try {
      const res = await admin.patchUser(u.id, patch);
      if (res?.newPassword) showPassword(res.newPassword);
      else message.success(t('saved'));
      refresh();
    } catch (e) {
      showProblem(e);
    }
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={4} className="page-title">
          {t('usersTitle')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="user-new">
          {t('newUser')}
        </Button>
      </div>
      <Card size="small">
        {users.error ? (
          <ErrorState error={users.error} onRetry={() => users.refetch()} />
        ) : (
          <Table<AdminUser>
            rowKey="id"
            size="middle"
            loading={users.isPending}
            dataSource={itemsOf(users.data)}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-testid': `user-row-${r.username}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('username'), dataIndex: 'username' },
              { title: t('displayName'), dataIndex: 'displayName' },
              { title: t('roles'), dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{roleName(r)}</Tag>) },
              { title: t('region'), dataIndex: 'regionName', render: (v, r) => v ?? r.regionCode },
              { title: t('agency'), dataIndex: 'agencyName', render: (v) => v ?? '—' },
              {
                title: t('state'),
                key: 'status',
                render: (_, r) => (
                  <Space size={4}>
                    {r.disabled ? <Tag>{t('disabled')}</Tag> : <Tag color="green">{t('active')}</Tag>}
                    {r.locked && <Tag color="red">{t('locked')}</Tag>}
                    {r.agencyOnly && <Tag color="blue">{t('agencyOnly')}</Tag>}
                  </Space>
                ),
              },
              {
                title: '',
                key: 'ops',
                render: (_, r) => (
                  <Space size={4} wrap>
                    <Button size="small" onClick={() => open(r)} data-testid={`user-edit-${r.username}`}>
                      {t('edit')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() =>
                        modal.confirm({ title: `${t('resetPassword')}：${r.displayName}`, onOk: () => act(r, { resetPassword: true }) })
                      }
                      data-testid={`user-reset-${r.username}`}
                    >
                      {t('resetPassword')}
                    </Button>
                    {r.locked && (
                      <Button size="small" onClick={() => act(r, { unlock: true })} data-testid={`user-unlock-${r.username}`}>
                        {t('unlock')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('newUser') : editing ? `${t('edit')}：${editing.username}` : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy, 'data-testid': 'modal-submit' } as ButtonProps}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={save} data-testid="user-form">
          {editing === 'new' && (
            <>
              <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('requiredHint') }]}>
                <Input autoComplete="off" data-testid="user-username" />
              </Form.Item>
              <Form.Item name="password" label={t('initialPassword')}>
                <Input.Password autoComplete="new-password" data-testid="user-password" />
              </Form.Item>
            </>
          )}
          <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input data-testid="user-display-name" />
          </Form.Item>
          <Form.Item name="roles" label={t('roles')}>
            <Select
              mode="multiple"
              data-testid="user-roles"
              options={(roles.data ?? []).map((r) => ({ value: r.key, label: lang === 'zh' ? r.nameZh : r.nameEn }))}
            />
          </Form.Item>
          <Form.Item name="regionCode" label={t('region')} rules={[{ required: true, message: t('requiredHint') }]}>
            <RegionSelect testId="user-region" />
          </Form.Item>
          <Form.Item name="agencyId" label={t('agency')}>
            <AgencySelect testId="user-agency" />
          </Form.Item>
          <Space size={24}>
            <Form.Item name="agencyOnly" label={t('agencyOnly')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {editing !== 'new' && (
              <Form.Item name="disabled" label={t('disabled')} valuePropName="checked">
                <Switch />
              </Form.Item>
            )}
          </Space>
        </Form>
      </Modal>
    </>
  );
}
