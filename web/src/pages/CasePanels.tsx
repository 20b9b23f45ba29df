/**
 * Panels for facts the resolvers write (not typed in by anyone): where a dispute was routed and why,
 * similar earlier disputes, and a legal-aid means test. Shown only when the case carries them.
 */
import { CheckCircleOutlined, CloseCircleOutlined, LinkOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseDetail, MeansTest, Routing, SimilarCase } from '../api.js';
import { type Bi, useI18n } from '../i18n.js';
import { useCaseTypes } from '../session.js';
import { formatValue, looseText } from '../util.js';

function asObject<T>(v: unknown): T | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as T) : null;
}

export function CasePanels({ c }: { c: CaseDetail }) {
  const routing = asObject<Routing>(c.data?.routing);
  const similar = Array.isArray(c.data?.similar) ? (c.data.similar as SimilarCase[]) : [];
  const means = asObject<MeansTest>(c.data?.meansTest);
  if (!routing && similar.length === 0 && !means) return null;
  return (
    <Row gutter={[16, 16]}>
      {similar.length > 0 && (
        <Col xs={24}>
          <SimilarWarning similar={similar} />
        </Col>
      )}
      {routing && (
        <Col xs={24} xl={means ? 12 : 24}>
          <RoutingPanel routing={routing} />
        </Col>
      )}
      {means && (
        <Col xs={24} xl={routing ? 12 : 24}>
          <MeansTestPanel m={means} />
        </Col>
      )}
    </Row>
  );
}

export function RoutingPanel({ routing }: { routing: Routing }) {
  const { t, l, lang } = useI18n();
  const reasons = routing.reasons ?? [];
  return (
    <Card size="small" title={t('routing')} data-testid="routing-panel">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'c', label: t('committee'), children: <span data-testid="routing-committee">{routing.committeeName ?? '—'}</span> },
          { key: 'm', label: t('mediator'), children: <span data-testid="routing-mediator">{routing.mediatorName ?? '—'}</span> },
          { key: 'r', label: t('routingRule'), children: <span data-testid="routing-rule">{looseText(routing.rule, lang) || '—'}</span> },
        ]}
      />
      {reasons.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('routingReasons')}</Typography.Text>
          <ul className="reason-list" data-testid="routing-reasons">
            {reasons.map((r) => {
              const text = l(r);
              return <li key={text}>{text}</li>;
            })}
          </ul>
        </>
      )}
    </Card>
  );
}

function SimilarWarning({ similar }: { similar: SimilarCase[] }) {
  const { t, l, lang } = useI18n();
  const types = useCaseTypes();
  const states = types.data?.find((x) => x.type === 'mediation')?.states ?? {};
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      data-testid="similar-warning"
      title={t('similarWarning', { n: similar.length })}
      description={
        <ul className="reason-list">
          {similar.map((s) => (
            <li key={s.caseId}>
              <Link to={`/cases/${s.caseId}`} data-testid={`similar-${s.caseId}`}>
                <LinkOutlined /> {s.number ?? t('noNumber')}
              </Link>{' '}
              {s.title}
              {(s.stateLabel || (s.state && states[s.state])) && (
                <Tag style={{ marginInlineStart: 6 }}>{l(s.stateLabel ?? states[s.state ?? '']?.label)}</Tag>
              )}
              {(s.reasons?.length ?? 0) > 0 && (
                <Typography.Text type="secondary"> · {(s.reasons ?? []).map((r) => looseText(r, lang)).join('；')}</Typography.Text>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}

export function MeansTestPanel({ m }: { m: MeansTest }) {
  const { t, l, lang } = useI18n();
  const money = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : t('yuanPerMonth', { n: formatValue(v, 'count', lang) });
  const verdict =
    m.passed === true ? (
      <Tag color="green" icon={<CheckCircleOutlined />} data-testid="means-verdict" data-passed="true">
        {t('meansPassed')}
      </Tag>
    ) : m.passed === false ? (
      <Tag color="red" icon={<CloseCircleOutlined />} data-testid="means-verdict" data-passed="false">
        {t('meansFailed')}
      </Tag>
    ) : (
      <Tag data-testid="means-verdict">{t('meansPending')}</Tag>
    );
  return (
    <Card size="small" title={t('meansTest')} data-testid="means-panel" extra={verdict}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'req', label: t('meansTest'), children: m.required ? t('meansRequired') : t('meansExempt') },
          ...(m.exemptBasis ? [{ key: 'basis', label: t('exemptBasis'), children: looseText(m.exemptBasis, lang) }] : []),
          ...(m.required
            ? [
                { key: 'pc', label: t('perCapita'), children: <span data-testid="means-per-capita">{money(m.perCapita)}</span> },
                { key: 'th', label: t('threshold'), children: <span data-testid="means-threshold">{money(m.threshold)}</span> },
              ]
            : []),
        ]}
      />
      {m.explanation && (
        <Typography.Paragraph style={{ margin: 0 }} data-testid="means-explanation">
          {l(m.explanation as Bi | string)}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
