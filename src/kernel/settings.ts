import { type Orm, one, sql } from './db/client.js';

/**
 * City configuration (values the domain notes mark UNCONFIRMED, 口径 choices, lockout limits…).
 * Every setting has a default in code next to its use and an override row in `setting`.
 */
export async function getSetting<T>(orm: Orm, key: string, fallback: T): Promise<T> {
  const r = await one<{ value: T }>(orm, sql`select value from setting where key = ${key}`);
  return r ? r.value : fallback;
}

export async function putSetting(orm: Orm, key: string, value: unknown, userId?: string): Promise<void> {
  await orm.execute(sql`insert into setting (key, value, updated_by) values (${key}, ${JSON.stringify(value)}::jsonb, ${userId ?? null})
    on conflict (key) do update set value = excluded.value, updated_at = now(), updated_by = excluded.updated_by`);
}

export const DUE_SOON_WORKDAYS = { key: 'clocks.due_soon_workdays', default: 3 };
