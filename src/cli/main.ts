import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { createApp } from '../app.js';
import { verifyAudit } from '../kernel/audit/verify.js';
import { createKernel, openConfiguredDb } from '../kernel/boot.js';
import { importCalendarText } from '../kernel/calendar/import.js';
import { importCases, readRows } from '../kernel/cases/import.js';
import { loadConfig } from '../kernel/config.js';
import { one, sql } from '../kernel/db/client.js';
import { migrate } from '../kernel/db/migrate.js';
import { SYSTEM_ACTOR } from '../kernel/identity/types.js';
import { refreshClocks } from '../kernel/jobs/refresh-clocks.js';
import { startScheduler } from '../kernel/jobs/scheduler.js';
import { seedBaseline } from '../kernel/seed.js';
import { generateDemo } from '../demo/generate.js';
import { createInitialAdmin } from '../demo/users.js';
import { manifests, registers } from '../modules/index.js';
import { ensureWebBuilt } from './web-build.js';


async function open() {
  const config = loadConfig();
  const db = await openConfiguredDb(config);
  await migrate(db);
  return { config, db };
}

/** A database is fresh when nothing has been seeded yet. */
async function isFresh(orm: Parameters<typeof one>[0]) {
  const r = await one<{ n: string }>(orm, sql`select count(*) as n from app_user`);
  return Number(r?.n ?? 0) === 0;
}

const program = new Command('fazhi').description('Fazhi 法治 — law-based government platform');

program
  .command('serve')
  .description('run the platform (portal, workbench, API)')
  .option('--no-demo', 'start empty, with a generated admin password')
  .option('--build-web', 'build the web app first if it is missing or stale')
  .action(async (opts: { demo: boolean; buildWeb?: boolean }) => {
    if (opts.buildWeb) await ensureWebBuilt();
    const { config, db } = await open();
    const demo = opts.demo && config.demo;
    if (await isFresh(db.orm)) {
      await seedBaseline(db);
      const k = await createKernel(db, config, manifests, registers);
      if (demo) {
        console.log('首次启动：正在生成演示数据（嘉兴市 2021）… / First start: generating the demo city…');
        const t = Date.now();
        const r = await generateDemo(k, { progress: (line) => console.log(line), volume: demoVolume() });
        console.log(`演示数据已生成 / Demo data ready in ${((Date.now() - t) / 1000).toFixed(1)} s: ${r.cases} cases`);
        printLogins(r.logins, config.port);
      } else {
        const pw = await createInitialAdmin(k);
        console.log(`管理员账号 / Admin account: admin  密码 / password: ${pw}  (仅显示一次 / shown once)`);
      }
    }
    const k = await createKernel(db, config, manifests, registers);
    const app = await createApp(k, { logger: process.env.FAZHI_LOG === '1' });
    await app.listen({ port: config.port, host: config.host });
    console.log(`Fazhi ${k.version} (${db.engine}) 已启动 / listening on http://localhost:${config.port}`);
    console.log(`  工作台 Workbench  http://localhost:${config.port}/`);
    console.log(`  群众门户 Portal    http://localhost:${config.port}/portal`);
    console.log(`  驾驶舱 Cockpit    http://localhost:${config.port}/cockpit`);
    console.log(`  API 文档 API docs http://localhost:${config.port}/api/docs`);
    const stopJobs = startScheduler(k);
    const stop = async () => {
      stopJobs();
      await app.close();
      await db.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

/** FAZHI_DEMO_VOLUME=small: a tenth of the volumes (browser tests, a quick look); the report's figures need full. */
function demoVolume(): 'full' | 'small' {
  return process.env.FAZHI_DEMO_VOLUME === 'small' ? 'small' : 'full';
}

function printLogins(logins: { username: string; password: string; role: string }[], port: number) {
  console.log(`\n登录 / Log in at http://localhost:${port}/login`);
  for (const l of logins) console.log(`  ${l.username.padEnd(22)} ${l.password.padEnd(16)} ${l.role}`);
  console.log('');
}

program
  .command('migrate')
  .description('apply database migrations')
  .action(async () => {
    const { db } = await open();
    console.log('migrations applied');
    await db.close();
  });

program
  .command('demo')
  .description('load the demo city into an empty database')
  .action(async () => {
    const { config, db } = await open();
    if (!(await isFresh(db.orm))) throw new Error('database is not empty');
    await seedBaseline(db);
    const k = await createKernel(db, config, manifests, registers);
    const r = await generateDemo(k, { progress: (line) => console.log(line), volume: demoVolume() });
    printLogins(r.logins, config.port);
    await db.close();
  });

const audit = program.command('audit').description('audit log tools');
audit
  .command('verify')
  .description('walk the SM3 hash chains and name the first broken link')
  .action(async () => {
    const { db } = await open();
    const r = await verifyAudit(db.orm);
    console.log(JSON.stringify(r, null, 2));
    await db.close();
    process.exit(r.ok ? 0 : 1);
  });

const cal = program.command('calendar').description('working-day calendar');
cal
  .command('import <file>')
  .description("import a year's official holiday notice (docs/modules/calendar.md)")
  .action(async (file: string) => {
    const { config, db } = await open();
    const r = await importCalendarText(db, readFileSync(file, 'utf8'), SYSTEM_ACTOR);
    // Re-derive open clocks here; a server already running picks the calendar up at its next restart.
    const k = await createKernel(db, config, manifests, registers);
    console.log(JSON.stringify({ ...r, refreshedCases: await refreshClocks(k) }));
    await db.close();
  });

program
  .command('import <type> <file>')
  .description('import cases from .xlsx/.csv (dry run unless --commit)')
  .option('--commit', 'write the rows (all or nothing)')
  .action(async (type: string, file: string, opts: { commit?: boolean }) => {
    const { config, db } = await open();
    const k = await createKernel(db, config, manifests, registers);
    const records = await readRows(file, readFileSync(file));
    const r = await importCases(k, type, records, SYSTEM_ACTOR, !opts.commit);
    console.log(JSON.stringify({ ...r, rows: r.rows.filter((x) => !x.ok) }, null, 2));
    await db.close();
    process.exit(r.failed ? 1 : 0);
  });

program
  .command('backup <file>')
  .description('write the embedded database to a tar file (PostgreSQL: use pg_dump)')
  .action(async (file: string) => {
    const { db } = await open();
    if (!db.pglite) throw new Error('backup is for the embedded database; use pg_dump for PostgreSQL');
    const dump = await db.pglite.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    console.log(`backup written to ${file}`);
  });

await program.parseAsync(process.argv);
