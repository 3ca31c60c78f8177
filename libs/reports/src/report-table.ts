import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null;

/** A report as a table: Chinese column headers, one row per line; what CSV and XLSX exports write. */
export interface ReportTable {
  /** Sheet name and file name stem, e.g. 转化报表 */
  title: string;
  columns: { key: string; header: string }[];
  rows: Record<string, Cell>[];
}

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** CSV with a UTF-8 byte-order mark so Excel opens the Chinese headers correctly. */
export function toCsv(t: ReportTable): Buffer {
  const body = stringify([t.columns.map((c) => c.header), ...t.rows.map((r) => t.columns.map((c) => r[c.key] ?? ''))]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

export async function toXlsx(t: ReportTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.title.slice(0, 31));
  ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(10, c.header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, r[c.key] ?? null])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
