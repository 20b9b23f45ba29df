import { z } from 'zod';
import { type FieldError, problems } from './problem.js';

const zhLocale = z.locales.zhCN();
const enLocale = z.locales.en();

// A field left out reads better as "required" than as zod's "expected string, received undefined".
const required = (iss: z.core.$ZodRawIssue) => iss.code === 'invalid_type' && iss.input === undefined;
const zh = { localeError: (iss: z.core.$ZodRawIssue) => (required(iss) ? '此项为必填项' : zhLocale.localeError(iss)) };
const en = { localeError: (iss: z.core.$ZodRawIssue) => (required(iss) ? 'This field is required' : enLocale.localeError(iss)) };

/**
 * A custom message in both languages. Schema-level messages win over the locale maps, so the pair
 * travels inside the message and `parseInput` splits it again.
 */
export function bi(zhText: string, enText: string): string {
  return `${zhText}\u241e${enText}`;
}

function issuesToFields(zhIssues: z.core.$ZodIssue[], enIssues: z.core.$ZodIssue[]): FieldError[] {
  return zhIssues.map((iss, i) => {
    const [zMsg, eFromPair] = iss.message.split('\u241e');
    const eMsg = eFromPair ?? enIssues[i]?.message.split('\u241e')[1] ?? enIssues[i]?.message ?? zMsg;
    const keys = (iss as { keys?: string[] }).keys;
    const path = [...iss.path, ...(iss.code === 'unrecognized_keys' && keys ? [keys.join(',')] : [])].join('.');
    return { path, zh: zMsg, en: eMsg };
  });
}

/** Parse untrusted input; on failure throw a 400 problem with bilingual field messages. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const r = schema.safeParse(data, { error: zh.localeError });
  if (r.success) return r.data;
  const r2 = schema.safeParse(data, { error: en.localeError });
  throw problems.validation(issuesToFields(r.error.issues, r2.success ? [] : r2.error.issues));
}

export function zodIssuesToFields(issues: z.core.$ZodIssue[]): FieldError[] {
  return issuesToFields(issues, issues);
}
