import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, can, qs, request, syntheticProblem } from '../../web/src/api.js';
import { strings, tr } from '../../web/src/i18n.js';
import { currentYear, formatInstant, formatValue, hintLines, regionTree, safeNext, uuid, withFilters } from '../../web/src/util.js';

describe('can (mirrors the server wildcard rule)', () => {
  it.each([
    [['case.read'], 'case.read', true],
    [['case.*'], 'case.read', true],
    [['*'], 'admin.users', true],
    [['reconsideration.*'], 'reconsideration.accept', true],
    [['reconsideration.accept'], 'reconsideration.decide', false],
    [['case'], 'case.read', false],
    [['case.read.*'], 'case.read', false],
    [['recon*'], 'reconsideration.accept', false],
    [[], 'case.read', false],
  ])('%j grants %s: %s', (perms, key, ok) => {
    expect(can(perms, key)).toBe(ok);
  });
  it('no user, no permission', () => {
    expect(can(undefined, 'case.read')).toBe(false);
  });
});

describe('i18n', () => {
  it('every UI string has Chinese and English', () => {
    for (const [key, v] of Object.entries(strings)) {
      expect(v.zh.trim(), key).not.toBe('');
      expect(v.en.trim(), key).not.toBe('');
    }
  });
  it('fills placeholders in both languages', () => {
    expect(tr('zh', 'daysLeft', { n: 3 })).toContain('3');
    expect(tr('en', 'total', { n: 12 })).toContain('12');
    for (const [key, v] of Object.entries(strings)) {
      const zh = [...v.zh.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const en = [...v.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(en, key).toEqual(zh);
    }
  });
});

describe('qs and URL filters', () => {
  it('drops empty values and sorts keys, so equal filters give equal URLs', () => {
    expect(qs({ b: '2', a: 1, c: '', d: undefined, e: null, f: false })).toBe('?a=1&b=2&f=false');
    expect(qs({})).toBe('');
    expect(qs(new URLSearchParams('z=1&y=&x=中'))).toBe(`?x=${encodeURIComponent('中')}&z=1`);
  });
  it('a filter change resets paging; a page change keeps the filters', () => {
    const p = new URLSearchParams('type=reconsideration&page=3&state=accepted');
    const f = withFilters(p, { state: '' , due: 'overdue' });
    expect(f.get('page')).toBeNull();
    expect(f.get('state')).toBeNull();
    expect(f.get('due')).toBe('overdue');
    expect(f.get('type')).toBe('reconsideration');
    const g = withFilters(p, { page: 4 });
    expect(g.get('page')).toBe('4');
    expect(g.get('state')).toBe('accepted');
    expect(p.get('page')).toBe('3');
  });
});

describe('safeNext', () => {
  it.each([
    ['/cases?type=x', '/cases?type=x'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login?next=/x', '/'],
    ['javascript:alert(1)', '/'],
  ])('%s → %s', (next, out) => {
    expect(safeNext(next)).toBe(out);
  });
});

describe('uuid', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  it('uses randomUUID when available', () => {
    expect(uuid({ getRandomValues: (a: Uint8Array) => a, randomUUID: () => 'fixed' } as unknown as Crypto)).toBe('fixed');
  });
  it('falls back to getRandomValues in an insecure context (plain-HTTP intranet)', () => {
    const c = { getRandomValues: (a: Uint8Array) => globalThis.crypto.getRandomValues(a) } as unknown as Crypto;
    const a = uuid(c);
    const b = uuid(c);
    expect(a).toMatch(V4);
    expect(b).not.toBe(a);
  });
  it('falls back when randomUUID throws', () => {
    const c = {
      getRandomValues: (a: Uint8Array) => globalThis.crypto.getRandomValues(a),
      randomUUID: () => {
        throw new Error('insecure');
      },
    };
    expect(uuid(c as unknown as Crypto)).toMatch(V4);
  });
});

describe('formatValue', () => {
  it('percent with two decimals, counts grouped, null as a dash', () => {
    expect(formatValue(4.9717, 'percent', 'zh')).toBe('4.97%');
    expect(formatValue(8890, 'count', 'en')).toBe('8,890');
    expect(formatValue(null, 'percent', 'zh')).toBe('—');
    expect(formatValue(Number.NaN, 'count', 'zh')).toBe('—');
  });
});

describe('currentYear is the Shanghai year', () => {
  it('31 Dec 17:00 UTC is already next year in Shanghai', () => {
    expect(currentYear(new Date('2024-12-31T17:00:00Z'))).toBe(2025);
    expect(currentYear(new Date('2024-12-31T15:59:00Z'))).toBe(2024);
  });
});

describe('hintLines', () => {
  it('flattens the shapes hints may take', () => {
    expect(hintLines(null, 'zh')).toEqual([]);
    expect(hintLines('a', 'zh')).toEqual([{ text: 'a' }]);
    expect(hintLines({ zh: '甲', en: 'A' }, 'en')).toEqual([{ text: 'A' }]);
    expect(hintLines([{ label: { zh: '自然资源', en: 'Land' }, text: { zh: '确权', en: 'Title' } }], 'zh')).toEqual([
      { title: '自然资源', text: '确权' },
    ]);
    expect(hintLines({ tax: [{ zh: '纳税争议', en: 'Tax dispute' }] }, 'zh')).toEqual([{ title: 'tax', text: '纳税争议' }]);
    expect(hintLines({ label: '仅标题' }, 'zh')).toEqual([{ text: '仅标题' }]);
  });
});

describe('regionTree', () => {
  const regions = [
    { code: '330400', name: '嘉兴市', level: 'city', parentCode: '330000' },
    { code: '330402', name: '南湖区', level: 'county', parentCode: '330400' },
    { code: '330481', name: '海宁市', level: 'county', parentCode: '330400' },
    { code: '330481001', name: '硖石街道', level: 'town', parentCode: '330481' },
  ];
  it('roots at codes whose parent is not in the list', () => {
    const tree = regionTree(regions);
    expect(tree.map((n) => n.value)).toEqual(['330400']);
    expect(tree[0].children?.map((n) => n.title)).toEqual(['南湖区', '海宁市']);
    expect(tree[0].children?.[1].children?.[0].value).toBe('330481001');
  });
  it('cuts at maxDepth', () => {
    const tree = regionTree(regions, 2);
    expect(tree[0].children?.[1].children).toBeUndefined();
  });
  it('empty list, empty tree', () => {
    expect(regionTree([])).toEqual([]);
  });
});

describe('request: every failure becomes a problem', () => {
  afterEach(() => vi.unstubAllGlobals());
  const stub = (res: Response | Error) =>
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        if (res instanceof Error) throw res;
        return res;
      }),
    );

  it('passes a problem+json body through', async () => {
    const body = { type: 'https://fazhi.dev/problems/validation', title: 'Invalid input', title_zh: '输入有误', status: 400, errors: [{ path: 'a', zh: '必填', en: 'Required' }] };
    stub(new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/problem+json' } }));
    const e = await request<never>('POST', '/x', { body: {} }).catch((x: unknown) => x as ApiError);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.problem).toEqual(body);
  });
  it('recognises the stale-version conflict', async () => {
    stub(new Response(JSON.stringify({ type: 'https://fazhi.dev/problems/stale-version', title: 'x', title_zh: 'y', status: 409 }), { status: 409, headers: { 'content-type': 'application/problem+json' } }));
    const e = await request<never>('POST', '/x').catch((x: unknown) => x as ApiError);
    expect(e.isStale).toBe(true);
  });
  it('a different 409 is not stale', async () => {
    stub(new Response(JSON.stringify({ type: 'https://fazhi.dev/problems/duplicate', title: 'x', title_zh: 'y', status: 409 }), { status: 409, headers: { 'content-type': 'application/problem+json' } }));
    const e = await request<never>('POST', '/x').catch((x: unknown) => x as ApiError);
    expect(e.isStale).toBe(false);
  });
  it('a proxy error page becomes "service unavailable"', async () => {
    stub(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const e = await request<never>('GET', '/x').catch((x: unknown) => x as ApiError);
    expect(e.problem.title_zh).toBe(syntheticProblem(502, 'bad-response').title_zh);
  });
  it('a 200 HTML page (SPA fallback, no API behind) is an error, not data', async () => {
    stub(new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const e = await request<never>('GET', '/x').catch((x: unknown) => x as ApiError);
    expect(e).toBeInstanceOf(ApiError);
  });
  it('a JSON error that is not a problem is still shown as one', async () => {
    stub(new Response(JSON.stringify({ message: 'boom' }), { status: 500, headers: { 'content-type': 'application/json' } }));
    const e = await request<never>('GET', '/x').catch((x: unknown) => x as ApiError);
    expect(e.problem.status).toBe(500);
    expect(e.problem.title_zh).toBeTruthy();
  });
  it('network failure', async () => {
    stub(new TypeError('Failed to fetch'));
    const e = await request<never>('GET', '/x').catch((x: unknown) => x as ApiError);
    expect(e.status).toBe(0);
    expect(e.problem.title_zh).toBe(syntheticProblem(0, 'network').title_zh);
  });
  it('sends JSON with the query string and same-origin credentials', async () => {
    const f = vi.fn(async () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', f);
    expect(await request('POST', '/cases', { body: { a: 1 }, query: { page: 2, q: '' } })).toEqual({ ok: true });
    const [url, init] = f.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/cases?page=2');
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(init.credentials).toBe('same-origin');
  });
  it('204 gives undefined', async () => {
    stub(new Response(null, { status: 204 }));
    expect(await request('DELETE', '/x')).toBeUndefined();
  });
});

describe('formatInstant shows Shanghai time', () => {
  it('UTC 16:30 is 00:30 the next day in Shanghai', () => {
    expect(formatInstant('2024-03-01T16:30:00Z', 'zh')).toContain('2024/03/02');
    expect(formatInstant('2024-03-01T16:30:00Z', 'zh')).toContain('00:30');
  });
  it('leaves an unparseable value as it is', () => {
    expect(formatInstant('not a date', 'en')).toBe('not a date');
  });
});
