import type { z } from 'zod';
import type { Label, LegalBasis } from '../cases/manifest.js';

/**
 * A register: high-volume records with a simple lifecycle and full history (enterprises, legal
 * consultations, guideline pushes and their deliveries, 法治体检, mediators, legal-aid lawyers).
 * Not cases: no statutory clocks or hash-chained events, but every change is versioned in
 * `register_history`, lists and counts stay fast at 100k rows, and rows import from Excel.
 * Declared by a module like a case type; the kernel stores, validates, lists, counts and imports.
 */
export interface RegisterDef {
  key: string;
  label: Label;
  description: Label;
  /** Permission keys checked on the server; by convention `<module>.<register>.read|write`. */
  permissions: { read: string; write: string };
  /** One entry's input (the same zod schema validates the API, renders the web form and maps import columns). */
  input: z.ZodType;
  /** Promoted columns every list and count filters on; the rest stays in `data`. */
  toEntry: (input: any) => RegisterEntryValues;
  /** Status values with labels (a simple lifecycle: e.g. open → rectifying → rectified). */
  statuses?: Record<string, Label>;
  /** Columns the list shows, read from `data` (dot paths allowed), besides title, date, region and status. */
  columns: { key: string; label: Label }[];
  /** Entries of this register belong to an entry of another (a delivery to its push). */
  parent?: { register: string; label: Label };
  /** Another register an entry points to (a consultation to its enterprise), by `refs[name]`. */
  refs?: Record<string, { register: string; label: Label }>;
  /** Personal data fields of the input: encrypted at rest, masked in lists (names of citizens, phones). */
  personal?: string[];
  indicators?: RegisterIndicatorDef[];
}

export interface RegisterEntryValues {
  title: string;
  /** The civil date that places the entry in a period (consulted on, pushed on, checked on). */
  occurredOn?: string;
  regionCode?: string;
  status?: string;
  /** Unique within the register when set (统一社会信用代码 for enterprises). */
  naturalKey?: string;
  parentId?: string;
  /** Other entries this one points to (e.g. { enterprise: <id> }). */
  refs?: Record<string, string>;
  data: Record<string, unknown>;
}

/** A count (or sum of a numeric data field) over a register's entries in a period. */
export interface RegisterIndicatorDef {
  key: string;
  label: Label;
  unit: 'count' | 'percent';
  version: string;
  definition: Label;
  source: string;
  basis?: LegalBasis;
  /** Entries counted: all, or those whose status is one of these / whose data field equals a value. */
  numerator: RegisterFilter[];
  denominator?: RegisterFilter[];
}

export type RegisterFilter = { kind: 'status_in'; statuses: string[] } | { kind: 'data_equals'; field: string; value: string | boolean | number };
