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
  /**
   * One entry's input (the same zod schema validates the API, renders the web form and maps import
   * columns). An update merges the patch into the stored input and validates the result again.
   */
  input: z.ZodType;
  /**
   * Promoted columns every list and count filters on. `data` is stored as the entry's input: keep it
   * the (parsed) input itself, since an update re-validates stored data + patch with `input`.
   */
  toEntry: (input: any) => RegisterEntryValues;
  /** Status values with labels (a simple lifecycle: e.g. open → rectifying → rectified). */
  statuses?: Record<string, Label>;
  /** Allowed status changes (from → to[]); without it any declared status may follow any other. */
  transitions?: Record<string, string[]>;
  /** Columns the list shows, read from `data` (dot paths allowed), besides title, date, region and status. */
  columns: { key: string; label: Label }[];
  /** Entries of this register belong to an entry of another (a delivery to its push). */
  parent?: { register: string; label: Label };
  /** Another register an entry points to (a consultation to its enterprise), by `refs[name]`. */
  refs?: Record<string, { register: string; label: Label }>;
  /**
   * An entry without its own region takes the region of the entry it points to ('parent' or a ref
   * name): a consultation is counted in its enterprise's town, and scoped like it.
   */
  regionFrom?: string;
  /** Input field holding the natural key (for the error path of a duplicate, e.g. 'creditCode'). */
  naturalKeyField?: string;
  /** Personal data fields of the input: encrypted at rest, masked in lists (names of citizens, phones). */
  personal?: string[];
  indicators?: RegisterIndicatorDef[];
}

export interface RegisterEntryValues {
  title: string;
  /** The civil date that places the entry in a period (consulted on, pushed on, checked on); default: the day it is recorded. */
  occurredOn?: string;
  regionCode?: string;
  status?: string;
  /** Unique within the register when set (统一社会信用代码 for enterprises). */
  naturalKey?: string;
  /** The parent entry: its id, or its natural key (import columns carry credit codes, not ids). */
  parentId?: string;
  /** Other entries this one points to (e.g. { enterprise: <id or natural key> }). */
  refs?: Record<string, string>;
  data: Record<string, unknown>;
  /** Derived facts indicators filter or sum on (e.g. { riskCount: 2, hasRisks: true }); never user input. */
  attrs?: Record<string, string | number | boolean>;
}

/** A count (or sum of a numeric attr) over a register's entries in a period. */
export interface RegisterIndicatorDef {
  key: string;
  label: Label;
  unit: 'count' | 'percent';
  version: string;
  definition: Label;
  source: string;
  basis?: LegalBasis;
  /** Entries counted: all, or those whose status is one of these / whose data field or attr equals a value. */
  numerator: RegisterFilter[];
  /** Present (even empty = all entries) for a ratio: numerator ÷ denominator, the numerator within the denominator. */
  denominator?: RegisterFilter[];
  /** Sum this numeric attr over the numerator's entries instead of counting them. */
  sum?: { attr: string };
}

export type RegisterFilter =
  | { kind: 'status_in'; statuses: string[] }
  | { kind: 'data_equals'; field: string; value: string | boolean | number }
  | { kind: 'attr_equals'; attr: string; value: string | boolean | number };
