import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';

/**
 * Debian's Chromium, flags from STACK.md (no background networking on this closed network).
 * Playwright gives every launch its own throw-away profile (it refuses `--user-data-dir`).
 */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function phone(b: Browser): Promise<BrowserContext> {
  return b.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
}

export async function desktop(b: Browser): Promise<BrowserContext> {
  return b.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
}
