/**
 * An antd Form generated from the JSON Schema the server derives from its own zod schema.
 * Client rules are hints only (shown as warnings, never blocking): the server is the judge, and its
 * 400 problem's errors[] are put back on the matching fields by path.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  type FormInstance,
  type FormRule,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { type FieldError, isApiError } from '../api.js';
import { type Lang, tr, useI18n } from '../i18n.js';
import {
  cleanValues,
  enumOptions,
  fieldKind,
  fieldLabel,
  fieldsOf,
  type JsonSchema,
  pathLabel,
  pathToName,
  schemaHasPath,
  unionOf,
  unwrap,
} from './schema.js';
import { AgencySelect, CaseSelect, CategorySelect, RegionSelect, RegisterSelect, TownSelect } from './OrgSelect.js';
import { useShowProblem } from './ui.js';

export interface SchemaFormProps {
  schema: JsonSchema;
  /** Receives the cleaned values; a rejected ApiError with errors[] is mapped onto the fields. */
  onSubmit: (values: Record<string, unknown>) => Promise<unknown>;
  /** Errors that are not field errors (409, 403, network…); default: a toast with title_zh. */
  onError?: (e: unknown) => void;
  initialValues?: Record<string, unknown>;
  submitText?: string;
  submitTestId?: string;
  submitDanger?: boolean;
  onCancel?: () => void;
  form?: FormInstance;
  testId?: string;
  disabled?: boolean;
}

function hintRules(s: JsonSchema, required: boolean, lang: Lang): FormRule[] {
  const rules: FormRule[] = [];
  if (required) rules.push({ required: true, warningOnly: true, message: tr(lang, 'requiredHint') });
  if (typeof s.minLength === 'number' && s.minLength > 1)
    rules.push({ type: 'string', min: s.minLength, warningOnly: true, message: tr(lang, 'tooShort', { n: s.minLength }) });
  if (typeof s.maxLength === 'number')
    rules.push({ type: 'string', max: s.maxLength, warningOnly: true, message: tr(lang, 'tooLong', { n: s.maxLength }) });
  if (typeof s.pattern === 'string' && s.format !== 'date' && s.format !== 'date-time' && s.format !== 'uuid') {
    try {
      rules.push({ pattern: new RegExp(s.pattern), warningOnly: true, message: tr(lang, 'badFormat') });
    } catch {
      // a pattern JavaScript cannot compile is simply not hinted
    }
  }
  return rules;
}

/** A field like `reconsiderationCaseId` references a case (of that type, when one is so named). */
const CASE_REF = /CaseId$/;

/** Enter confirms the typed date in the picker; it must not also submit the whole form. */
function keepEnterInPicker(e: { key: string; preventDefault: () => void }) {
  if (e.key === 'Enter') e.preventDefault();
}

/** DatePicker edits a Dayjs; the form value stays the 'YYYY-MM-DD' civil-date string the API uses. */
const dateProps = (fmt: string) => ({
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
  normalize: (d: Dayjs | null) => (d ? d.format(fmt) : undefined),
});

interface FieldProps {
  name: (string | number)[];
  fieldKey: string;
  schema: JsonSchema;
  required: boolean;
  /** Name relative to the enclosing Form.List, when inside one. */
  listName?: (string | number)[];
}

function SchemaField({ name, fieldKey, schema: raw, required, listName }: FieldProps) {
  const { lang, t } = useI18n();
  const s = unwrap(raw).schema;
  const kind = fieldKind(raw);
  const label = fieldLabel(raw, fieldKey, lang);
  const itemName = listName ?? name;
  const testId = `field-${name.join('.')}`;
  const common = {
    name: itemName,
    label,
    required,
    extra: s.description,
    rules: hintRules(s, required, lang),
    // The server's default (e.g. 一审, 普通程序) shows as chosen rather than as an empty choice.
    initialValue: s.default,
  };

  switch (kind) {
    case 'object':
      return (
        <fieldset className="schema-fieldset" data-testid={testId}>
          <legend>
            {label}
            {required && <span className="schema-required">*</span>}
          </legend>
          {s.description && <div className="schema-description">{s.description}</div>}
          {fieldsOf(s).map((f) => (
            <SchemaField
              key={f.key}
              name={[...name, f.key]}
              listName={listName ? [...listName, f.key] : undefined}
              fieldKey={f.key}
              schema={f.schema}
              required={f.required}
            />
          ))}
        </fieldset>
      );
    case 'union': {
      const u = unionOf(raw);
      if (!u) return null;
      const discName = listName ? [...listName, u.key] : [...name, u.key];
      return (
        <fieldset className="schema-fieldset" data-testid={testId}>
          <legend>
            {label}
            {required && <span className="schema-required">*</span>}
          </legend>
          {s.description && <div className="schema-description">{s.description}</div>}
          <Form.Item
            name={discName}
            label={lang === 'en' ? (u.en ?? u.label ?? u.key) : (u.label ?? u.en ?? u.key)}
            required
            rules={[{ required: true, warningOnly: true, message: tr(lang, 'requiredHint') }]}
            initialValue={u.branches[0].value}
          >
            <Radio.Group
              data-testid={`${testId}.${u.key}`}
              options={u.branches.map((b) => ({ value: b.value, label: b.label[lang] || b.label.zh }))}
            />
          </Form.Item>
          {/* Only the chosen branch's fields are mounted, so only they are submitted. */}
          <Form.Item noStyle shouldUpdate>
            {(f) => {
              const chosen = u.branches.find((b) => b.value === f.getFieldValue([...name, u.key])) ?? u.branches[0];
              return fieldsOf(chosen.schema)
                .filter((c) => c.key !== u.key)
                .map((c) => (
                  <SchemaField
                    key={`${chosen.value}:${c.key}`}
                    name={[...name, c.key]}
                    listName={listName ? [...listName, c.key] : undefined}
                    fieldKey={c.key}
                    schema={c.schema}
                    required={c.required}
                  />
                ));
            }}
          </Form.Item>
        </fieldset>
      );
    }
    case 'array': {
      const items = unwrap(s.items ?? {}).schema;
      return (
        <fieldset className="schema-fieldset" data-testid={testId}>
          <legend>
            {label}
            {required && <span className="schema-required">*</span>}
          </legend>
          {s.description && <div className="schema-description">{s.description}</div>}
          <Form.List name={itemName}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <div key={f.key} className="schema-list-item" data-testid={`${testId}.${i}`}>
                    <div className="schema-list-head">
                      <span>{t('item', { n: i + 1 })}</span>
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(f.name)}
                        data-testid={`${testId}.${i}-remove`}
                      >
                        {t('remove')}
                      </Button>
                    </div>
                    {fieldsOf(items).map((c) => (
                      <SchemaField
                        key={c.key}
                        name={[...name, i, c.key]}
                        listName={[f.name, c.key]}
                        fieldKey={c.key}
                        schema={c.schema}
                        required={c.required}
                      />
                    ))}
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} data-testid={`${testId}-add`}>
                  {t('addItem')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      );
    }
    case 'boolean':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch data-testid={testId} />
        </Form.Item>
      );
    case 'radio':
      return (
        <Form.Item {...common}>
          <Radio.Group data-testid={testId} options={enumOptions(s, lang)} />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item {...common}>
          <Select data-testid={testId} options={enumOptions(s, lang)} allowClear showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      );
    case 'multiselect':
      return (
        <Form.Item {...common}>
          <Select data-testid={testId} mode="multiple" options={enumOptions(s, lang)} allowClear />
        </Form.Item>
      );
    case 'tags':
      return (
        <Form.Item {...common}>
          <Select data-testid={testId} mode="tags" open={false} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item {...common} {...dateProps('YYYY-MM-DD')}>
          <DatePicker data-testid={testId} style={{ width: '100%' }} onKeyDown={keepEnterInPicker} />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item
          {...common}
          getValueProps={(v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined })}
          normalize={(d: Dayjs | null) => (d ? d.toISOString() : undefined)}
        >
          <DatePicker data-testid={testId} showTime style={{ width: '100%' }} onKeyDown={keepEnterInPicker} />
        </Form.Item>
      );
    case 'number':
    case 'integer':
      return (
        <Form.Item {...common}>
          <InputNumber
            data-testid={testId}
            style={{ width: '100%' }}
            min={s.minimum ?? s.exclusiveMinimum}
            max={s.maximum ?? s.exclusiveMaximum}
            precision={kind === 'integer' ? 0 : undefined}
          />
        </Form.Item>
      );
    case 'textarea':
      return (
        <Form.Item {...common}>
          <Input.TextArea data-testid={testId} autoSize={{ minRows: 3, maxRows: 12 }} maxLength={s.maxLength} showCount={!!s.maxLength} />
        </Form.Item>
      );
    case 'agency':
      return (
        <Form.Item {...common}>
          <AgencySelect testId={testId} />
        </Form.Item>
      );
    case 'region':
      return (
        <Form.Item {...common}>
          <RegionSelect testId={testId} />
        </Form.Item>
      );
    case 'category':
      return (
        <Form.Item {...common}>
          <CategorySelect testId={testId} />
        </Form.Item>
      );
    case 'registerRef':
      return (
        <Form.Item {...common}>
          <RegisterSelect testId={testId} register={String(s.widget).slice('register:'.length)} />
        </Form.Item>
      );
    case 'town':
      return (
        <Form.Item {...common}>
          <TownSelect testId={testId} />
        </Form.Item>
      );
    case 'phone':
      return (
        <Form.Item {...common}>
          <Input data-testid={testId} type="tel" inputMode="tel" autoComplete="tel" maxLength={s.maxLength} />
        </Form.Item>
      );
    case 'idNumber':
      return (
        <Form.Item {...common}>
          <Input data-testid={testId} autoComplete="off" maxLength={s.maxLength} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
      );
    default:
      // `reconsiderationCaseId`, `firstInstanceCaseId`: a reference to another case, picked by number.
      if (s.format === 'uuid' && CASE_REF.test(fieldKey)) {
        return (
          <Form.Item {...common}>
            <CaseSelect testId={testId} typeHint={fieldKey.replace(CASE_REF, '')} />
          </Form.Item>
        );
      }
      return (
        <Form.Item {...common}>
          <Input data-testid={testId} maxLength={s.maxLength} />
        </Form.Item>
      );
  }
}

/** Apply a 400 problem to the form: field errors where a field exists, the rest in a summary. */
export function applyFieldErrors(
  form: FormInstance,
  schema: JsonSchema,
  errors: FieldError[],
  lang: Lang,
): FieldError[] {
  const unmatched: FieldError[] = [];
  const byField = new Map<string, { name: (string | number)[]; msgs: string[] }>();
  for (const e of errors) {
    const name = pathToName(e.path);
    // A list item the form does not show (e.g. index 3 of 2) has no input to carry the message.
    const itemMissing = name.some((seg, i) => typeof seg === 'number' && form.getFieldValue(name.slice(0, i + 1)) === undefined);
    if (!schemaHasPath(schema, name) || itemMissing) {
      unmatched.push(e);
      continue;
    }
    const k = name.join('.');
    const entry = byField.get(k) ?? { name, msgs: [] };
    entry.msgs.push(lang === 'zh' ? e.zh : e.en);
    byField.set(k, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name, errors: f.msgs })));
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unmatched;
}

export function SchemaForm({
  schema,
  onSubmit,
  onError,
  initialValues,
  submitText,
  submitTestId = 'form-submit',
  submitDanger,
  onCancel,
  form: external,
  testId = 'schema-form',
  disabled,
}: SchemaFormProps) {
  const { lang, t } = useI18n();
  const [own] = Form.useForm();
  const form = external ?? own;
  const [submitting, setSubmitting] = useState(false);
  const [summary, setSummary] = useState<FieldError[]>([]);
  const showProblem = useShowProblem();

  const finish = async (values: Record<string, unknown>) => {
    setSummary([]);
    setSubmitting(true);
    try {
      await onSubmit((cleanValues(values) ?? {}) as Record<string, unknown>);
    } catch (e) {
      if (isApiError(e) && e.status === 400 && e.problem.errors?.length) {
        const rest = applyFieldErrors(form, schema, e.problem.errors, lang);
        setSummary(rest.length ? rest : []);
        if (!rest.length) return;
      } else if (onError) onError(e);
      else showProblem(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={finish}
      initialValues={initialValues}
      disabled={disabled || submitting}
      scrollToFirstError
      data-testid={testId}
      requiredMark
    >
      {summary.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('formErrors')}
          data-testid="form-error-summary"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {summary.map((e) => (
                <li key={`${e.path}:${e.en}`}>
                  {e.path ? `${pathLabel(schema, pathToName(e.path), lang)}：` : ''}
                  {lang === 'zh' ? e.zh : e.en}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {fieldsOf(schema).map((f) => (
        <SchemaField key={f.key} name={[f.key]} fieldKey={f.key} schema={f.schema} required={f.required} />
      ))}
      <Form.Item style={{ marginTop: 8, marginBottom: 0 }}>
        <Space wrap>
          <Button type="primary" danger={submitDanger} htmlType="submit" loading={submitting} data-testid={submitTestId}>
            {submitText ?? t('submit')}
          </Button>
          {onCancel && (
            <Button onClick={onCancel} disabled={false}>
              {t('cancel')}
            </Button>
          )}
        </Space>
      </Form.Item>
    </Form>
  );
}
