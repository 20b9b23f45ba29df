import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Result, Skeleton, Tag, Tooltip } from 'antd';
import { ApiError, type CaseListItem, type Category, type Clock, type ClockStatus, isApiError } from '../api.js';
import { type Lang, type StringKey, tr, useI18n } from '../i18n.js';

/** Title and detail of any error in the current language. */
export function problemText(lang: Lang, e: unknown): { title: string; detail?: string } {
  if (isApiError(e)) {
    const p = e.problem;
    return lang === 'zh'
      ? { title: p.title_zh || p.title, detail: p.detail_zh ?? p.detail }
      : { title: p.title || p.title_zh, detail: p.detail ?? p.detail_zh };
  }
  return { title: e instanceof Error ? e.message : String(e) };
}

/** A toast for errors that belong to no field. */
export function useShowProblem() {
  const { message } = App.useApp();
  const { lang } = useI18n();
  return (e: unknown) => {
    const { title, detail } = problemText(lang, e);
    // A 400 outside a schema form (e.g. the link form): its field messages are the useful part.
    const fields = isApiError(e) ? (e.problem.errors ?? []).map((f) => (lang === 'zh' ? f.zh : f.en)).join('；') : '';
    const text = fields || detail;
    message.error(text ? `${title}：${text}` : title);
  };
}

/** A failed load: bilingual message and a retry button, never a blank page. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { lang, t } = useI18n();
  const { title, detail } = problemText(lang, error);
  const status = isApiError(error) ? error.status : 0;
  return (
    <Result
      data-testid="error-state"
      status={status === 403 ? '403' : status === 404 ? '404' : 'warning'}
      title={title}
      subTitle={detail}
      extra={
        onRetry ? (
          <Button icon={<ReloadOutlined />} onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function Loading() {
  return <Skeleton active paragraph={{ rows: 6 }} />;
}

/** A query's three states in one place. */
export function QueryView<T>({
  q,
  children,
}: {
  q: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => React.ReactNode;
}) {
  if (q.isPending) return <Loading />;
  if (q.error || q.data === undefined) return <ErrorState error={q.error ?? new Error('no data')} onRetry={() => q.refetch()} />;
  return <>{children(q.data)}</>;
}

export const CLOCK_COLOR: Record<ClockStatus, string> = {
  overdue: 'red',
  due_soon: 'orange',
  running: 'blue',
  paused: 'default',
  met: 'green',
  missed: 'volcano',
};

const CLOCK_TEXT: Record<ClockStatus, StringKey> = {
  overdue: 'overdue',
  due_soon: 'dueSoon',
  running: 'running',
  paused: 'paused',
  met: 'met',
  missed: 'missed',
};

/** "剩 3 个工作日" / "逾期 2 日" / "今日到期". */
export function daysLeftText(lang: Lang, daysLeft: number | null | undefined): string | null {
  if (daysLeft === null || daysLeft === undefined) return null;
  if (daysLeft === 0) return tr(lang, 'dueToday');
  return daysLeft > 0 ? tr(lang, 'daysLeft', { n: daysLeft }) : tr(lang, 'daysOverdue', { n: -daysLeft });
}

export function ClockTag({ clock, showLabel = true }: { clock: CaseListItem['nextClock'] | Clock; showLabel?: boolean }) {
  const { lang, t, l } = useI18n();
  if (!clock) return <span style={{ color: '#999' }}>—</span>;
  const left = daysLeftText(lang, clock.daysLeft);
  const live = clock.status !== 'met' && clock.status !== 'missed';
  return (
    <span data-testid={`clock-${clock.key}`} data-status={clock.status}>
      {showLabel && <span style={{ marginRight: 6 }}>{l(clock.label)}</span>}
      <Tag color={CLOCK_COLOR[clock.status]}>{t(CLOCK_TEXT[clock.status])}</Tag>
      {clock.dueOn && <span style={{ marginRight: 6, whiteSpace: 'nowrap' }}>{t('dueOn', { d: clock.dueOn })}</span>}
      {live && left && <span style={{ whiteSpace: 'nowrap', color: (clock.daysLeft ?? 0) < 0 ? '#cf1322' : undefined }}>{left}</span>}
      {clock.provisional && (
        <Tooltip title={t('provisionalHint')}>
          <Tag color="gold" style={{ marginLeft: 6 }}>
            {t('provisional')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

export function clockStatusLabel(lang: Lang, s: ClockStatus): string {
  return tr(lang, CLOCK_TEXT[s]);
}

const CATEGORY_COLOR: Record<Category, string> = { open: 'processing', paused: 'warning', closed: 'default' };

export function StateTag({ label, category }: { label: { zh: string; en: string } | string; category: Category }) {
  const { l } = useI18n();
  return (
    <Tag color={CATEGORY_COLOR[category] ?? 'default'} data-testid="state-tag">
      {l(label)}
    </Tag>
  );
}

export function isStale(e: unknown): boolean {
  return e instanceof ApiError && e.isStale;
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
