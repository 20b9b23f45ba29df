import { type Orm, isUniqueViolation } from '../db/client.js';
import { problems } from '../http/problem.js';
import { assertPermission } from '../identity/policy.js';
import type { Actor } from '../identity/types.js';
import type { Kernel } from '../kernel.js';
import { duplicateProblem, prepareEntries } from './entries.js';
import { getEntry, type EntryDetail } from './get-entry.js';
import { writeEntries } from './insert-entries.js';
import { registerFor } from './registry.js';

/** One entry from a form: 400 with field messages, 409 for a natural key already taken. */
export async function createEntry(k: Kernel, tx: Orm, registerKey: string, input: unknown, actor: Actor): Promise<EntryDetail> {
  const def = registerFor(k, registerKey);
  assertPermission(actor, def.permissions.write);
  const { entries, errors } = await prepareEntries(k, tx, def, [input], actor);
  if (errors.length) {
    const [r] = errors;
    throw r.conflict ? duplicateProblem(def, r.errors) : problems.validation(r.errors);
  }
  try {
    await writeEntries(tx, def.key, entries, actor, 'create');
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateProblem(def, []);
    throw e;
  }
  return getEntry(k, tx, def.key, entries[0].id, actor);
}
