import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Card, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { can, mediationAdmin } from '../../api.js';
import { useDisputeCategories } from '../../components/OrgSelect.js';
import { ErrorState, Loading, problemText } from '../../components/ui.js';
import { useI18n } from '../../i18n.js';
import { useMe } from '../../session.js';
import { IndustryInput, useFormProblem } from './common.js';
import { type CategoryForm, type CategoryRow, categoryCreateBody, categoryName, categoryPatchBody, categoryRows, knownIndustries, nextSort, parentCodes } from './model.js';

const FIELDS = ['code', 'nameZh', 'nameEn', 'sort', 'committeeIndustry'] as const;

/** 纠纷类别: the taxonomy as a tree; add a top-level or a sub-category, rename, delete an unused one. */
export default function Categories() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const me = useMe();
  const canWrite = can(me.data?.permissions, 'mediation.taxonomy.write');
  const cats = useDisputeCategories();
  // `parent` set: a new category under it (null = top level); `row` set: editing that one.
  const [editing, setEditing] = useState<{ parent: string | null } | { row: CategoryRow } | null>(null);
  const [form] = Form.useForm<CategoryForm>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  // Everything starts expanded, and a sub-category just added shows at once: only what the user folds stays folded.
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const rows = categoryRows(cats.data ?? []);
  const onProblem = useFormProblem(form, FIELDS);
  // Pickers elsewhere (new dispute, rules, committees) read the same list.
  const refresh = () => qc.invalidateQueries({ queryKey: ['mediation-categories'] });
  const name = (code: string) => categoryName(cats.data, code, lang);

  const open = (e: { parent: string | null } | { row: CategoryRow }) => {
    setEditing(e);
    form.resetFields();
    if ('row' in e) form.setFieldsValue({ nameZh: e.row.nameZh, nameEn: e.row.nameEn, sort: e.row.sort, committeeIndustry: e.row.committeeIndustry });
    else {
      // A sub-category usually belongs to the same industry committee as its parent.
      const parent = cats.data?.find((c) => c.code === e.parent);
      form.setFieldsValue({ parentCode: e.parent, committeeIndustry: parent?.committeeIndustry ?? undefined, sort: nextSort(cats.data ?? [], e.parent) });
    }
  };

  const save = async (v: CategoryForm) => {
    if (!editing) return;
    setBusy(true);
    try {
      if ('row' in editing) await mediationAdmin.patchCategory(editing.row.code, categoryPatchBody(v));
      else await mediationAdmin.createCategory(categoryCreateBody({ ...v, parentCode: editing.parent }));
      message.success(t('saved'));
      setEditing(null);
      await refresh();
    } catch (e) {
      onProblem(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = (row: CategoryRow) =>
    modal.confirm({
      title: t('deleteCategoryConfirm', { name: lang === 'zh' ? row.nameZh : row.nameEn }),
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete' } as ButtonProps,
      okText: t('remove'),
      onOk: async () => {
        setRefusal(null);
        try {
          await mediationAdmin.deleteCategory(row.code);
          message.success(t('deleted'));
          await refresh();
        } catch (e) {
          // The server says why (in use by sub-categories, disputes or rules): keep it on screen.
          setRefusal(e);
        }
      },
    });

  const title =
    editing && 'row' in editing
      ? t('renameCategory', { name: lang === 'zh' ? editing.row.nameZh : editing.row.nameEn })
      : editing?.parent
        ? t('newChildCategory', { name: name(editing.parent) })
        : t('newTopCategory');

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} className="page-title">
          {t('categoriesTitle')}
        </Typography.Title>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ parent: null })} data-testid="category-new">
            {t('newTopCategory')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">{t('categoriesHint')}</Typography.Paragraph>
      {refusal !== null && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          style={{ marginBottom: 12 }}
          title={problemText(lang, refusal).title}
          description={problemText(lang, refusal).detail}
          data-testid="category-problem"
        />
      )}
      <Card size="small">
        {cats.error ? (
          <ErrorState error={cats.error} onRetry={() => cats.refetch()} />
        ) : cats.isPending ? (
          <Loading />
        ) : (
          <Table<CategoryRow>
            rowKey="code"
            size="middle"
            dataSource={rows}
            expandable={{
              expandedRowKeys: parentCodes(rows).filter((c) => !collapsed.has(c)),
              onExpand: (open, r) => setCollapsed((s) => new Set([...s].filter((c) => c !== r.code).concat(open ? [] : [r.code]))),
            }}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="category-table"
            onRow={(r) => ({ 'data-testid': `category-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('categoryName'),
                key: 'name',
                render: (_, r) => (
                  <span>
                    <span data-testid={`category-name-${r.code}`}>{lang === 'zh' ? r.nameZh : r.nameEn}</span>
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {lang === 'zh' ? r.nameEn : r.nameZh}
                    </Typography.Text>
                  </span>
                ),
              },
              { title: t('categoryCode'), dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
              { title: t('committeeIndustry'), dataIndex: 'committeeIndustry', render: (v: string | null) => (v ? <Tag color="gold">{v}</Tag> : '—') },
              { title: t('sortOrder'), dataIndex: 'sort', align: 'right' },
              ...(canWrite
                ? [
                    {
                      title: '',
                      key: 'ops',
                      render: (_: unknown, r: CategoryRow) => (
                        <Space size={4} wrap>
                          <Button size="small" onClick={() => open({ parent: r.code })} data-testid={`category-add-child-${r.code}`}>
                            {t('addChild')}
                          </Button>
                          <Button size="small" onClick={() => open({ row: r })} data-testid={`category-edit-${r.code}`}>
                            {t('rename')}
                          </Button>
                          <Button size="small" danger onClick={() => remove(r)} data-testid={`category-delete-${r.code}`}>
                            {t('remove')}
                          </Button>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={title}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy, 'data-testid': 'modal-submit' } as ButtonProps}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={save} data-testid="category-form">
          {editing && !('row' in editing) && (
            <>
              <Form.Item label={t('parentCategory')}>
                <Typography.Text data-testid="category-parent">{editing.parent ? name(editing.parent) : t('topLevel')}</Typography.Text>
              </Form.Item>
              <Form.Item
                name="code"
                label={t('categoryCode')}
                extra={t('categoryCodeHint')}
                rules={[
                  { required: true, message: t('requiredHint') },
                  // A hint only: the server is the judge.
                  { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('badFormat'), warningOnly: true },
                ]}
              >
                <Input autoComplete="off" data-testid="category-code" />
              </Form.Item>
            </>
          )}
          <Form.Item name="nameZh" label={t('nameZh')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input data-testid="category-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('nameEn')} rules={[{ required: true, message: t('requiredHint') }]}>
            <Input data-testid="category-name-en" />
          </Form.Item>
          <Form.Item name="committeeIndustry" label={t('committeeIndustry')} extra={t('committeeIndustryHint')}>
            <IndustryInput options={knownIndustries([], cats.data)} testId="category-industry" />
          </Form.Item>
          <Form.Item name="sort" label={t('sortOrder')}>
            <InputNumber min={0} max={100000} precision={0} data-testid="category-sort" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
