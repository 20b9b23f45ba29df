import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { DocumentContent } from '../cases/manifest.js';

const FONT = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' } as const;
const TITLE_FONT = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体', hAnsi: 'Times New Roman' } as const;

/**
 * Renders a module's document content in the usual layout of 公文-style legal instruments
 * (GB/T 9704 inspired: centred title, 3号仿宋 body with two-character indent, organ and date at the
 * bottom right). Fonts fall back to what the reader has (Noto CJK on Linux).
 */
export async function renderDocx(c: DocumentContent): Promise<Buffer> {
  const body = (text: string) =>
    new Paragraph({
      children: [new TextRun({ text, size: 32, font: FONT })],
      indent: { firstLine: 640 },
      spacing: { line: 560 },
      alignment: AlignmentType.JUSTIFIED,
    });
  const doc = new Document({
    creator: 'Fazhi',
    title: c.title,
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: c.title, size: 44, bold: true, font: TITLE_FONT })],
          }),
          ...(c.subtitle
            ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: c.subtitle, size: 32, font: FONT })] })]
            : []),
          ...c.paragraphs.map(body),
          new Paragraph({ text: '' }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: c.signature.organ, size: 32, font: FONT })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: c.signature.date, size: 32, font: FONT })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 2021-03-05 → 二〇二一年三月五日 (the form used on formal instruments). */
export function formatChineseDate(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  const num = (n: number) => {
    if (n < 10) return CN_DIGITS[n];
    if (n === 10) return '十';
    if (n < 20) return `十${CN_DIGITS[n - 10]}`;
    return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  };
  return `${String(y).split('').map((c) => CN_DIGITS[Number(c)]).join('')}年${num(m)}月${num(day)}日`;
}
