import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Checkbox, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { admin, type Role } from '../../api.js';
import { ErrorState, useShowProblem } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';

interface RoleForm {
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
  extra: string[];
}

export default function Roles() {
  const { t, l, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const roles = useQuery({ queryKey: ['admin-roles'], queryFn: admin.roles });
  const perms = useQuery({ queryKey: ['admin-permissions'], queryFn: admin.permissions, staleTime: 10 * 60 * 1000 });
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const [form] = Form.useForm<RoleForm>();
  const [busy, setBusy] = useState(false);
  const known = new Set((perms.data ?? []).map((p) => p.key));
  const permLabel = (k: string) => l(perms.data?.find((p) => p.key === k)?.label) || k;

  const open = (r: Role | 'new') => {
    setEditing(r);
    form.resetFields();
    if (r !== 'new')
      form.setFieldsValue({
        key: r.key,
        nameZh: r.nameZh,
        nameEn: r.nameEn,
        permissions: r.permissions.filter((p) => known.has(p)),
        // Wildcards and keys the list does not name stay editable as free entries.
        extra: r.permissions.filter((p) => !known.has(p)),
      });
  };
  const save = async (v: RoleForm) => {
    setBusy(true);
    try {
      const permissions = [...new Set([...(v.permissions ?? []), ...(v.extra ?? [])])];
      await admin.putRole(v.key.trim(), { nameZh: v.nameZh, nameEn: v.nameEn, permissions });
      message.success(t('saved'));
      setEditing(null);
      qc.invalidateQueries({ queryKey: ['admin-roles'] });
    } catch (e) {
      showProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={4} className="page-title">
          {t('rolesTitle')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="role-new">
          {t('newRole')}
        </Button>
      </div>
      <Card size="small">
        {roles.error ? (
          <ErrorState error={roles.error} onRetry={() => roles.refetch()} />
        ) : (
          <Table<Role>
            rowKey="key"
            loading={roles.isPending}
            dataSource={roles.data ?? []}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-testid': `role-row-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('roleKey'), dataIndex: 'key', width: 160 },
              { title: t('displayName'), key: 'name', width: 160, render: (_, r) => (lang === 'zh' ? r.nameZh : r.nameEn) },
              {
                title: t('permissions'),
                dataIndex: 'permissions',
                render: (ps: string[]) => ps.map((p) => <Tag key={p} title={p}>{permLabel(p)}</Tag>),
              },
              {
                title: '',
                key: 'ops',
                width: 80,
                render: (_, r) => (
                  <Button size="small" onClick={() => open(r)} data-testid={`role-edit-${r.key}`}>
                    {t('edit')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('newRole') : editing ? `${t('edit')}：${editing.key}` : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy, 'data-testid': 'modal-submit' } as ButtonProps}
        width={720}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={save} data-testid="role-form" initialValues={{ permissions: [], extra: [] }}>
          <Form.Item name="key" label={t('roleKey')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input disabled={editing !== 'new'} data-testid="role-key" />
          </Form.Item>
          <Form.Item name="nameZh" label={t('nameZh')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input data-testid="role-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('nameEn')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input data-testid="role-name-en" />
          </Form.Item>
          <Form.Item name="permissions" label={t('permissions')}>
            <Checkbox.Group
              style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 4 }}
              options={(perms.data ?? []).map((p) => ({ value: p.key, label: `${l(p.label)}（${p.key}）` }))}
            />
          </Form.Item>
          <Form.Item name="extra" label={t('extraPermissions')}>
            <Select mode="tags" open={false} data-testid="role-extra" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
