import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Result, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { cases } from '../api.js';
import { SchemaForm } from '../components/SchemaForm.js';
import { ErrorState, Loading } from '../components/ui.js';
import { useI18n } from '../i18n.js';
import { useCaseTypes } from '../session.js';

export default function CaseNew() {
  const { type = '' } = useParams();
  const { t, l } = useI18n();
  const types = useCaseTypes();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  if (types.isPending) return <Loading />;
  if (types.error) return <ErrorState error={types.error} onRetry={() => types.refetch()} />;
  const ct = types.data.find((x) => x.type === type);
  if (!ct) return <Result status="404" title={t('unknownType')} subTitle={type} />;

  return (
    <Card style={{ maxWidth: 860 }}>
      <Typography.Title level={4} className="page-title">
        {t('newCaseTitle', { type: l(ct.label) })}
      </Typography.Title>
      <SchemaForm
        testId="create-form"
        schema={ct.create.schema}
        onSubmit={async (input) => {
          const created = await cases.create(type, input);
          message.success(t('created'));
          qc.invalidateQueries({ queryKey: ['cases'] });
          qc.invalidateQueries({ queryKey: ['todo'] });
          // A case named in the form (e.g. the 复议 a lawsuit follows) now shows a new link.
          qc.invalidateQueries({ queryKey: ['case'] });
          navigate(`/cases/${created.id}`);
        }}
      />
    </Card>
  );
}
