import { problems } from '../http/problem.js';
import type { Kernel } from '../kernel.js';
import type { RegisterDef, RegisterIndicatorDef } from './types.js';

const NAME_RE = /^[a-z][a-z0-9_]*$/;
/** Field, attr and ref names end up in SQL as JSON keys (bound, but kept plain). */
const IDENT_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The registers the running platform knows, from the modules' definitions. */
export class RegisterRegistry {
  private byKey = new Map<string, RegisterDef>();

  constructor(defs: RegisterDef[]) {
    for (const d of defs) {
      if (this.byKey.has(d.key)) throw new Error(`register ${d.key} declared twice`);
      this.byKey.set(d.key, d);
    }
    const indicatorKeys = new Set<string>();
    for (const d of defs) {
      validateRegister(d, this.byKey);
      for (const i of d.indicators ?? []) {
        if (indicatorKeys.has(i.key)) throw new Error(`register indicator ${i.key} declared twice`);
        indicatorKeys.add(i.key);
      }
    }
  }

  get(key: string): RegisterDef | undefined {
    return this.byKey.get(key);
  }

  all(): RegisterDef[] {
    return [...this.byKey.values()];
  }

  indicator(key: string): { register: RegisterDef; def: RegisterIndicatorDef } | undefined {
    for (const register of this.byKey.values()) {
      const def = register.indicators?.find((i) => i.key === key);
      if (def) return { register, def };
    }
    return undefined;
  }

  indicators(): { register: RegisterDef; def: RegisterIndicatorDef }[] {
    return this.all().flatMap((register) => (register.indicators ?? []).map((def) => ({ register, def })));
  }
}

const EMPTY = new RegisterRegistry([]);

/** Kernels built by hand in tests may have no registers. */
export function registersOf(k: Pick<Kernel, 'registers'>): RegisterRegistry {
  return k.registers ?? EMPTY;
}

/** The register named in a URL, or 404 (an unknown key and a hidden one answer the same). */
export function registerFor(k: Pick<Kernel, 'registers'>, key: string): RegisterDef {
  const d = registersOf(k).get(key);
  if (!d) throw problems.notFound('register', '登记簿');
  return d;
}

/** Fail at start-up, not at the first import, when a register names a register or status it lacks. */
export function validateRegister(d: RegisterDef, all: Map<string, RegisterDef>): void {
  const err = (msg: string) => {
    throw new Error(`register ${d.key}: ${msg}`);
  };
  if (!NAME_RE.test(d.key)) err('key must be snake_case');
  if (d.parent && !all.has(d.parent.register)) err(`parent register ${d.parent.register} undeclared`);
  for (const [name, r] of Object.entries(d.refs ?? {})) {
    if (!IDENT_RE.test(name)) err(`invalid ref name ${name}`);
    if (!all.has(r.register)) err(`ref ${name} names unknown register ${r.register}`);
  }
  if (d.regionFrom && d.regionFrom !== 'parent' && !d.refs?.[d.regionFrom]) err(`regionFrom ${d.regionFrom} is neither 'parent' nor a ref`);
  if (d.regionFrom === 'parent' && !d.parent) err(`regionFrom 'parent' without a parent`);
  const statuses = d.statuses ?? {};
  for (const [from, tos] of Object.entries(d.transitions ?? {}))
    for (const s of [from, ...tos]) if (!statuses[s]) err(`transition names undeclared status ${s}`);
  for (const i of d.indicators ?? []) {
    for (const f of [...i.numerator, ...(i.denominator ?? [])]) {
      if (f.kind === 'status_in') for (const s of f.statuses) if (!statuses[s]) err(`indicator ${i.key} names undeclared status ${s}`);
      if (f.kind === 'attr_equals' && !IDENT_RE.test(f.attr)) err(`indicator ${i.key}: invalid attr ${f.attr}`);
      if (f.kind === 'data_equals' && !IDENT_RE.test(f.field)) err(`indicator ${i.key}: invalid field ${f.field}`);
    }
    if (i.sum && (i.denominator || !IDENT_RE.test(i.sum.attr))) err(`indicator ${i.key}: a sum needs a valid attr and no denominator`);
  }
}
