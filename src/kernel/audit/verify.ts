import { type Orm, rows, sql } from '../db/client.js';
import { eventContent } from '../cases/events.js';
import { GENESIS, chainHash } from './chain.js';

export interface Break {
  chain: 'case_event' | 'audit_log';
  caseId?: string;
  seq: string | null;
  n?: number;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  casesChecked: number;
  eventsChecked: number;
  auditChecked: number;
  firstBreak: Break | null;
}

/**
 * Walks every case's event chain (in seq order, which must agree with n) and the global audit log,
 * recomputing each SM3 link. Editing a row changes its hash, deleting one breaks the numbering or the
 * link, reordering breaks seq/n agreement, and a dropped tail no longer matches the case's head hash.
 */
export async function verifyAudit(orm: Orm, batch = 5000): Promise<VerifyReport> {
  let eventsChecked = 0;
  let casesChecked = 0;
  let firstBreak: Break | null = null;
  let afterId = '00000000-0000-0000-0000-000000000000';
  outer: for (;;) {
    const cases = await rows<{ id: string; version: number; head_hash: string }>(
      orm,
      sql`select id, version, head_hash from fz_case where id > ${afterId} order by id limit 500`,
    );
    if (!cases.length) break;
    afterId = cases[cases.length - 1].id;
    const ids = cases.map((c) => c.id);
    const evs = await rows<any>(
      orm,
      sql`select seq, case_id, n, action, actor_id, actor_label, at, effective_on, state_from, state_to, payload, prev_hash, hash
          from case_event where case_id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) order by case_id, seq`,
    );
    const byCase = new Map<string, any[]>();
    for (const e of evs) (byCase.get(e.case_id) ?? byCase.set(e.case_id, []).get(e.case_id)!).push(e);
    for (const c of cases) {
      casesChecked++;
      let prev = GENESIS;
      let expectN = 1;
      for (const e of byCase.get(c.id) ?? []) {
        eventsChecked++;
        const at = new Date(e.at).toISOString();
        const brk = (reason: string) => ({ chain: 'case_event' as const, caseId: c.id, seq: String(e.seq), n: e.n, reason });
        if (e.n !== expectN) {
          firstBreak = brk(`expected event #${expectN}, found #${e.n} (missing or reordered event)`);
          break outer;
        }
        if (e.prev_hash !== prev) {
          firstBreak = brk('prev_hash does not match the previous event (deleted or reordered event)');
          break outer;
        }
        const h = chainHash(prev, eventContent({
          caseId: e.case_id, n: e.n, action: e.action, actorId: e.actor_id, actorLabel: e.actor_label, at,
          effectiveOn: e.effective_on, stateFrom: e.state_from, stateTo: e.state_to, payload: e.payload, prevHash: e.prev_hash,
        }));
        if (h !== e.hash) {
          firstBreak = brk('content does not match its hash (edited event)');
          break outer;
        }
        prev = e.hash;
        expectN++;
      }
      if (prev !== c.head_hash || expectN - 1 !== c.version) {
        firstBreak = { chain: 'case_event', caseId: c.id, seq: null, n: expectN, reason: 'case head does not match its last event (events dropped)' };
        break;
      }
    }
    if (cases.length < 500) break;
  }
  let auditChecked = 0;
  if (!firstBreak) {
    let prev = '0'.repeat(64);
    let after = 0n;
    const head = (await rows<{ hash: string; seq: string }>(orm, sql`select hash, seq from audit_head where id = 1`))[0];
    scan: for (;;) {
      const log = await rows<any>(orm, sql`select seq, at, actor_id, actor_label, action, target, detail, prev_hash, hash from audit_log where seq > ${String(after)} order by seq limit ${batch}`);
      for (const l of log) {
        auditChecked++;
        const content = { at: new Date(l.at).toISOString(), actorId: l.actor_id, actorLabel: l.actor_label, action: l.action, target: l.target, detail: l.detail };
        if (l.prev_hash !== prev || chainHash(prev, content) !== l.hash) {
          firstBreak = { chain: 'audit_log', seq: String(l.seq), reason: l.prev_hash !== prev ? 'link to the previous entry is broken' : 'content does not match its hash' };
          break scan;
        }
        prev = l.hash;
        after = BigInt(l.seq);
      }
      if (log.length < batch) break;
    }
    if (!firstBreak && head && head.hash !== prev) firstBreak = { chain: 'audit_log', seq: head.seq, reason: 'audit head does not match the last entry (entries dropped)' };
  }
  return { ok: !firstBreak, casesChecked, eventsChecked, auditChecked, firstBreak };
}
