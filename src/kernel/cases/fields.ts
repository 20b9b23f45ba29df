import { z } from 'zod';
import { bi } from '../http/validate.js';

/**
 * Builders for manifest form fields. The web renders forms from the JSON Schema of these zod schemas,
 * so every field carries `title` (zh) and `en`, enums their option labels, and `widget` a hint for
 * the control (textarea, agency picker …). Modules share these instead of each writing their own.
 */
export type Opt = { zh: string; en: string };

/** Declares enum options with their labels, keeping the literal keys. */
export const options = <const T extends string>(o: Record<T, Opt>) => o;
export const values = <T extends string>(o: Record<T, Opt>) => Object.keys(o) as [T, ...T[]];

export const date = (zh: string, en: string) => z.iso.date().meta({ title: zh, en });

export const text = (zh: string, en: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, bi(`请填写${zh}`, `${en} is required`))
    .max(max)
    .meta({ title: zh, en });

export const longText = (zh: string, en: string, max = 20000) =>
  z
    .string()
    .trim()
    .min(1, bi(`请填写${zh}`, `${en} is required`))
    .max(max)
    .meta({ title: zh, en, widget: 'textarea' });

export const agency = (zh: string, en: string) => z.uuid().meta({ title: zh, en, widget: 'agency' });

export const choice = <T extends string>(zh: string, en: string, o: Record<T, Opt>) =>
  z.enum(values(o)).meta({ title: zh, en, options: o });
