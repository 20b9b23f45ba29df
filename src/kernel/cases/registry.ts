import type { CaseTypeManifest } from './manifest.js';

/** The case types the running platform knows, from the modules' manifests. */
export class Registry {
  private byType = new Map<string, CaseTypeManifest>();

  constructor(manifests: CaseTypeManifest[]) {
    for (const m of manifests) {
      if (this.byType.has(m.type)) throw new Error(`case type ${m.type} declared twice`);
      validateManifest(m);
      this.byType.set(m.type, m);
    }
  }

  get(type: string): CaseTypeManifest | undefined {
    return this.byType.get(type);
  }

  all(): CaseTypeManifest[] {
    return [...this.byType.values()];
  }
}

/** Fail at start-up, not at the first click, when a manifest names a state or action it lacks. */
export function validateManifest(m: CaseTypeManifest): void {
  const err = (msg: string) => {
    throw new Error(`manifest ${m.type}: ${msg}`);
  };
  if (!m.states[m.initialState]) err(`initial state ${m.initialState} undeclared`);
  for (const [name, a] of Object.entries(m.actions)) {
    for (const f of a.from) if (!m.states[f]) err(`action ${name} from unknown state ${f}`);
    if (typeof a.to === 'string' && !m.states[a.to]) err(`action ${name} to unknown state ${a.to}`);
    if (typeof a.outcome === 'string' && !m.outcomes[a.outcome]) err(`action ${name} unknown outcome ${a.outcome}`);
  }
  for (const i of m.indicators ?? []) {
    if (i.sum && (i.denominator || i.variantSetting)) err(`indicator ${i.key}: a sum cannot have a denominator or variants`);
    if (i.sum && !/^[a-z][a-z0-9_]*$/.test(i.sum.attr)) err(`indicator ${i.key}: invalid attr name ${i.sum.attr}`);
    // The dimension's names go into SQL as identifiers: plain snake_case only.
    const d = i.dimension;
    if (d && ![d.attr, d.labels?.table, d.labels?.key, d.labels?.label].every((x) => x === undefined || /^[a-z][a-z0-9_]*$/.test(x)))
      err(`indicator ${i.key}: invalid dimension names`);
  }
  for (const c of m.clocks) {
    for (const a of [...c.startOn, ...c.stopOn, ...(c.pauseOn ?? []), ...(c.resumeOn ?? [])]) {
      if (a !== 'create' && !m.actions[a]) err(`clock ${c.key} names unknown action ${a}`);
    }
    if (c.onExpiry && !m.actions[c.onExpiry]) err(`clock ${c.key} onExpiry unknown action ${c.onExpiry}`);
  }
}
