/** What the dispute-administration pages share: labels, the category picker, server errors on forms. */
import { AutoComplete, type FormInstance, Tag, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { type CommitteeLevel, type DisputeCategory, isApiError } from '../../api.js';
import { useDisputeCategories } from '../../components/OrgSelect.js';
import { useShowProblem } from '../../components/ui.js';
import { type StringKey, useI18n } from '../../i18n.js';
import { categoryName, categoryTreeData, splitFieldErrors } from './model.js';

export const LEVEL_LABEL: Record<CommitteeLevel, StringKey> = {
  village: 'levelVillage',
  town: 'levelTown',
  county: 'levelCounty',
  industry: 'levelIndustry',
};

export const TARGET_LABEL: Record<CommitteeLevel, StringKey> = {
  industry: 'targetIndustry',
  village: 'targetVillage',
  town: 'targetTown',
  county: 'targetCounty',
};

const LEVEL_COLOR: Record<CommitteeLevel, string> = { village: 'green', town: 'blue', county: 'purple', industry: 'gold' };

export function LevelTag({ level }: { level: CommitteeLevel }) {
  const { t } = useI18n();
  return <Tag color={LEVEL_COLOR[level]}>{LEVEL_LABEL[level] ? t(LEVEL_LABEL[level]) : level}</Tag>;
}

/** Category codes as tags with their names; none means every category. */
export function CategoryTags({ codes, list, empty }: { codes: string[]; list: DisputeCategory[] | undefined; empty: string }) {
  const { lang } = useI18n();
  if (!codes.length) return <Tag>{empty}</Tag>;
  return (
    <>
      {codes.map((c) => (
        <Tag key={c} title={c}>
          {categoryName(list, c, lang)}
        </Tag>
      ))}
    </>
  );
}

/** Several categories, any level (a parent covers its children). */
export function CategoryMultiSelect({
  value,
  onChange,
  testId,
  placeholder,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  testId?: string;
  placeholder?: string;
}) {
  const { lang } = useI18n();
  const q = useDisputeCategories();
  const tree = useMemo(() => categoryTreeData(q.data ?? [], lang), [q.data, lang]);
  return (
    <TreeSelect
      data-testid={testId}
      style={{ width: '100%' }}
      multiple
      value={value ?? []}
      onChange={(v) => onChange?.((v as string[]) ?? [])}
      treeData={tree}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={placeholder}
      loading={q.isPending}
      status={q.error ? 'warning' : undefined}
    />
  );
}

/** Free text with the industries already in use as suggestions (a rule matches a committee's industry exactly). */
export function IndustryInput({ value, onChange, options, testId }: { value?: string | null; onChange?: (v: string) => void; options: string[]; testId?: string }) {
  return (
    <AutoComplete
      data-testid={testId}
      value={value ?? ''}
      onChange={(v) => onChange?.(v)}
      options={options.map((o) => ({ value: o }))}
      showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
      allowClear
    />
  );
}

/** A failed save: field messages beside their fields, everything else as a message. */
export function useFormProblem<T>(form: FormInstance<T>, fields: readonly string[]) {
  const { lang } = useI18n();
  const showProblem = useShowProblem();
  return (e: unknown) => {
    if (!isApiError(e) || !e.problem.errors?.length) return showProblem(e);
    const { onFields, rest } = splitFieldErrors(e.problem.errors, fields, lang);
    form.setFields(onFields.map((f) => ({ name: f.name as never, errors: f.errors })));
    if (rest.length) showProblem(e);
  };
}
