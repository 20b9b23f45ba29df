import { type Db, sql } from '../db/client.js';
import { BUILTIN_ROLES } from './roles.js';
import { pgTextArray } from './users.js';

/**
 * Upserts the built-in roles. Roles an admin created are never touched, and a built-in role an admin
 * has customised (PUT /admin/roles/:key) keeps the admin's version.
 */
export async function seedRoles(db: Db): Promise<void> {
  const values = BUILTIN_ROLES.map(
    (r) => sql`(${r.key}, ${r.name.zh}, ${r.name.en}, ${pgTextArray(r.permissions)}::text[], true)`,
  );
  await db.tx(async (tx) => {
    await tx.execute(sql`
      insert into role (key, name_zh, name_en, permissions, builtin) values ${sql.join(values, sql`, `)}
      on conflict (key) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
        permissions = excluded.permissions, builtin = true
      where not role.customised`);
  });
}
