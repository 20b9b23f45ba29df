/**
 * English names for the festival names stored in calendar_day (the table keeps the Chinese name the
 * State Council notice uses). Names not listed here are shown in Chinese in English text too.
 */
const FESTIVAL_EN: Record<string, string> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明: 'Qingming Festival',
  清明节: 'Qingming Festival',
  劳动节: 'Labour Day',
  端午: 'Dragon Boat Festival',
  端午节: 'Dragon Boat Festival',
  中秋: 'Mid-Autumn Festival',
  中秋节: 'Mid-Autumn Festival',
  国庆节: 'National Day',
  国庆: 'National Day',
  '国庆节、中秋节': 'National Day and Mid-Autumn Festival',
  中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日: 'the 70th anniversary of the victory of the War of Resistance',
  周末: 'weekend',
};

export function festivalEn(zh: string): string {
  return FESTIVAL_EN[zh] ?? zh;
}

/** The name chinese-days gives ("Labour Day,劳动节,2" → 劳动节). */
export function chineseDaysName(raw: string): string {
  const parts = raw.split(',');
  return (parts.length >= 2 ? parts[1] : raw).trim();
}

export const WEEKEND_NAME = '周末';
export const DEFAULT_PAUSE_NAME = '期间暂停不计';
