import { addDays } from '../calendar/civil.js';
import type { CalendarService, CivilDate, DateRange } from '../calendar/types.js';
import type { ClockRule, Condition, LegalBasis } from './manifest.js';

/** What clock derivation needs to know about an event. */
export interface ClockEvent {
  action: string;
  effectiveOn: CivilDate;
  payload: Record<string, unknown>;
}

export type StoredClockStatus = 'running' | 'paused' | 'met' | 'missed';
/** Shown to people: running/paused clocks become due_soon or overdue depending on today. */
export type LiveClockStatus = StoredClockStatus | 'due_soon' | 'overdue';

export interface DerivedClock {
  key: string;
  status: StoredClockStatus;
  startedOn: CivilDate;
  dueOn: CivilDate;
  stoppedOn: CivilDate | null;
  provisional: boolean;
  detail: {
    label: { zh: string; en: string };
    basis: LegalBasis;
    amount: number;
    unit: string;
    pauses: DateRange[];
    pausedSince: CivilDate | null;
    extension: number;
    explanation: { zh: string; en: string };
    unloadedYears: number[];
    onExpiry?: string;
    metAttr?: string;
  };
}

export function matches(cond: Condition | undefined, data: Record<string, unknown>): boolean {
  if (!cond) return true;
  const v = cond.field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], data);
  if ('equals' in cond) return v === cond.equals;
  if (cond.in) return cond.in.includes(v);
  return v !== undefined && v !== null;
}

/**
 * Replays a case's events against each clock rule. Nothing is stored that cannot be derived again:
 * the case_clock rows are a cache for the to-do list, rewritten after every action.
 * A pause on day P resumed on day R excludes the days P+1…R (the same "start day not counted" rule
 * as the period itself); a pause still open excludes P+1…today.
 */
export function deriveClocks(
  rules: ClockRule[],
  events: ClockEvent[],
  data: Record<string, unknown>,
  calendar: CalendarService,
  today: CivilDate,
  amountOverride: (rule: ClockRule) => number = (r) => r.amount,
): DerivedClock[] {
  const out: DerivedClock[] = [];
  for (const rule of rules) {
    if (!matches(rule.when, data)) continue;
    let start: CivilDate | null = null;
    let pauses: DateRange[] = [];
    let pausedSince: CivilDate | null = null;
    let extension = 0;
    let stopped: CivilDate | null = null;
    for (const e of events) {
      if (rule.startOn.includes(e.action)) {
        start = e.effectiveOn;
        pauses = [];
        pausedSince = null;
        extension = 0;
        stopped = null;
        continue;
      }
      if (!start || stopped) continue;
      if (rule.stopOn.includes(e.action)) {
        if (pausedSince) {
          pauses.push({ from: addDays(pausedSince, 1), to: e.effectiveOn });
          pausedSince = null;
        }
        stopped = e.effectiveOn;
      } else if (rule.pauseOn?.includes(e.action) && !pausedSince) {
        pausedSince = e.effectiveOn;
      } else if (rule.resumeOn?.includes(e.action) && pausedSince) {
        if (e.effectiveOn > pausedSince) pauses.push({ from: addDays(pausedSince, 1), to: e.effectiveOn });
        pausedSince = null;
      }
      if (rule.extension && e.action === rule.extension.action) {
        extension = Math.min(rule.extension.max, extension + Number(e.payload[rule.extension.amountField] ?? 0));
      }
    }
    if (!start) continue;
    const effectivePauses = pausedSince && today > pausedSince ? [...pauses, { from: addDays(pausedSince, 1), to: today }] : pauses;
    const amount = amountOverride(rule);
    const ext = rule.extension;
    let res = calendar.due(start, ext && ext.unit === rule.unit ? amount + extension : amount, rule.unit, {
      pauses: effectivePauses,
    });
    if (ext && ext.unit !== rule.unit && extension > 0) {
      const more = calendar.due(res.due, extension, ext.unit);
      res = { ...more, provisional: res.provisional || more.provisional, unloadedYears: [...new Set([...res.unloadedYears, ...more.unloadedYears])] };
    }
    const status: StoredClockStatus = stopped ? (stopped <= res.due ? 'met' : 'missed') : pausedSince ? 'paused' : 'running';
    out.push({
      key: rule.key,
      status,
      startedOn: start,
      dueOn: res.due,
      stoppedOn: stopped,
      provisional: res.provisional,
      detail: {
        label: rule.label,
        basis: rule.basis,
        amount,
        unit: rule.unit,
        pauses,
        pausedSince,
        extension,
        explanation: res.explanation,
        unloadedYears: res.unloadedYears,
        onExpiry: rule.onExpiry,
        metAttr: rule.metAttr,
      },
    });
  }
  return out;
}

/** Live status for people: a running clock is due soon within `dueSoonWorkdays`, overdue after the due day. */
export function liveStatus(
  stored: StoredClockStatus,
  dueOn: CivilDate,
  today: CivilDate,
  calendar: CalendarService,
  dueSoonWorkdays: number,
): { status: LiveClockStatus; daysLeft: number | null } {
  if (stored === 'met' || stored === 'missed') return { status: stored, daysLeft: null };
  const daysLeft = calendar.workdaysBetween(today, dueOn);
  if (today > dueOn) return { status: 'overdue', daysLeft };
  if (stored === 'paused') return { status: 'paused', daysLeft };
  return { status: daysLeft <= dueSoonWorkdays ? 'due_soon' : 'running', daysLeft };
}
