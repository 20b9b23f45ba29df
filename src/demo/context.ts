import type { Kernel } from '../kernel/kernel.js';
import type { DemoOrg } from './city.js';
import type { Rng } from './random.js';
import type { DemoLogin } from './users.js';

/**
 * What each mechanism's part of the demo city gets: the organisations already created, a seeded
 * random source of its own, and the scale. `small` is for tests of the generator itself (same code,
 * a tenth of the volume); `full` reproduces the 2021 report's figures.
 */
export interface DemoContext {
  k: Kernel;
  org: DemoOrg;
  r: Rng;
  year: 2021;
  today: string;
  volume: 'full' | 'small';
}

/** A mechanism's demo part returns the logins it created (printed on first start) and what it made. */
export interface DemoPartResult {
  logins: DemoLogin[];
  counts: Record<string, number>;
}
