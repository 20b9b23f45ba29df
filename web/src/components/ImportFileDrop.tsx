import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';
import { useI18n } from '../i18n.js';

/** The one spreadsheet an import reads (.xlsx or .csv); choosing or removing it clears the last report. */
export function ImportFileDrop({ testId, onChange }: { testId: string; onChange: (file: File | null) => void }) {
  const { t } = useI18n();
  return (
    <Upload.Dragger
      data-testid={testId}
      accept=".xlsx,.csv"
      maxCount={1}
      beforeUpload={(f) => {
        onChange(f);
        return false;
      }}
      onRemove={() => onChange(null)}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p>{t('importFile')}</p>
    </Upload.Dragger>
  );
}
