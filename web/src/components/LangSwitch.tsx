import { Segmented } from 'antd';
import { type Lang, useI18n } from '../i18n.js';

export function LangSwitch({ dark }: { dark?: boolean }) {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      data-testid="lang-switch"
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh', label: '中文' },
        { value: 'en', label: 'EN' },
      ]}
      style={dark ? { background: 'rgba(255,255,255,0.2)' } : undefined}
    />
  );
}
