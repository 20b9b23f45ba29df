/**
 * RFC 9457 problem details. Every 4xx/5xx the API returns has this shape; field errors carry
 * a Chinese message first and an English one beside it, so a form can show either.
 */
export interface FieldError {
  path: string;
  zh: string;
  en: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Chinese title/detail for the UI; `title`/`detail` stay English for machines and logs. */
  title_zh: string;
  detail_zh?: string;
  errors?: FieldError[];
  [k: string]: unknown;
}

export class Problem extends Error {
  constructor(
    public status: number,
    public code: string,
    public titleZh: string,
    public titleEn: string,
    public opts: { detailZh?: string; detailEn?: string; errors?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(titleEn);
  }

  toBody(): ProblemBody {
    return {
      type: `https://fazhi.dev/problems/${this.code}`,
      title: this.titleEn,
      title_zh: this.titleZh,
      status: this.status,
      ...(this.opts.detailEn ? { detail: this.opts.detailEn } : {}),
      ...(this.opts.detailZh ? { detail_zh: this.opts.detailZh } : {}),
      ...(this.opts.errors ? { errors: this.opts.errors } : {}),
      ...(this.opts.extra ?? {}),
    };
  }
}

export const problems = {
  validation: (errors: FieldError[]) => new Problem(400, 'validation', '输入有误', 'Invalid input', { errors }),
  unauthenticated: () => new Problem(401, 'unauthenticated', '请先登录', 'Login required'),
  forbidden: (permission?: string) =>
    new Problem(403, 'forbidden', '无权执行此操作', 'Not allowed', {
      extra: permission ? { permission } : undefined,
    }),
  /** Out-of-scope records answer 404, not 403, so that their existence does not leak. */
  notFound: (what = 'resource', whatZh = '记录') =>
    new Problem(404, 'not-found', `${whatZh}不存在或无权查看`, `${what} not found`),
  conflict: (code: string, zh: string, en: string, extra?: Record<string, unknown>) =>
    new Problem(409, code, zh, en, { extra }),
  stale: (current: number) =>
    new Problem(409, 'stale-version', '案件已被他人更新，请刷新后重试', 'The case was changed by someone else; reload and retry', {
      extra: { currentVersion: current },
    }),
  tooLarge: (limit: number) =>
    new Problem(413, 'too-large', `内容过大（上限 ${limit} 字节）`, `Payload too large (limit ${limit} bytes)`),
  unsupportedType: (mime: string) =>
    new Problem(415, 'unsupported-type', `不支持的文件类型：${mime}`, `Unsupported file type: ${mime}`),
};

export function field(path: string, zh: string, en: string): FieldError {
  return { path, zh, en };
}
