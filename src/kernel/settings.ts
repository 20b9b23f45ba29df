import { type Orm, one, rows, sql } from './db/client.js';

/**
 * City configuration (values the domain notes mark UNCONFIRMED, 口径 choices, lockout limits…).
 * Every setting has a default in code next to its use and an override row in `setting`.
 */
export async function getSetting<T>(orm: Orm, key: string, fallback: T): Promise<T> {
  const r = await one<{ value: T }>(orm, sql`select value from setting where key = ${key}`);
  return r ? r.value : fallback;
}

const cache = new Map<string, { value: unknown; at: number }>();
const CACHE_MS = 5_000;

/**
 * Settings read on hot paths (clock amounts on every action): cached for a few seconds per process.
 * A change made in this process is seen at once; another process sees it within CACHE_MS.
 */
export async function cachedSettings(orm: Orm, keys: string[]): Promise<Map<string, unknown>> {
  const now = Date.now();
  const missing = keys.filter((k) => !((cache.get(k)?.at ?? 0) > now - CACHE_MS));
  if (missing.length) {
    const found = await rows<{ key: string; value: unknown }>(orm, sql`select key, value from setting where key in (${sql.join(missing.map((k) => sql`${k}`), sql`, `)})`);
    for (const k of missing) cache.set(k, { value: found.find((f) => f.key === k)?.value, at: now });
  }
  return new Map(keys.map((k) => [k, cache.get(k)?.value]));
}

export async function putSetting(orm: Orm, key: string, value: unknown, userId?: string): Promise<void> {
  cache.delete(key);
  await orm.execute(sql`insert into setting (key, value, updated_by) values (${key}, ${JSON.stringify(value)}::jsonb, ${userId ?? null})
    on conflict (key) do update set value = excluded.value, updated_at = now(), updated_by = excluded.updated_by`);
}

export const DUE_SOON_WORKDAYS = { key: 'clocks.due_soon_workdays', default: 3 };
