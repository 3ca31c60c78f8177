import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '@app/errors';
import {
  COLUMNS,
  columnForHeader,
  naturalKeyOf,
  parseCell,
  type CellError,
  type ColumnSpec,
  type ListingFields,
} from './listing-fields.js';
import type { Listing } from './listing.entity.js';
import { ListingsRepository } from './listings.repository.js';
import { ListingsService } from './listings.service.js';

export interface ImportRowError extends CellError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
}

/** Rows of header → cell value, from a CSV or an XLSX file. */
export async function readSheet(data: Buffer, filename = ''): Promise<{ headers: string[]; rows: unknown[][] }> {
  const isXlsx = /\.xlsx$/i.test(filename) || (data.length > 4 && data[0] === 0x50 && data[1] === 0x4b);
  if (isXlsx) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    } catch (e) {
      // A corrupt or truncated workbook is the uploader's problem (400), not a server error.
      throw DomainError.field(
        'file',
        'XLSX_INVALID',
        `file：XLSX文件无法读取（${(e as Error).message}）`,
        `file: unreadable XLSX (${(e as Error).message})`,
      );
    }
    const ws = wb.worksheets[0];
    if (!ws) return { headers: [], rows: [] };
    const cell = (v: ExcelJS.CellValue): unknown => {
      if (v && typeof v === 'object' && !(v instanceof Date)) {
        if ('result' in v) return v.result;
        if ('text' in v) return v.text;
        if ('richText' in v) return v.richText.map((x) => x.text).join('');
      }
      return v;
    };
    const all: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const vals: unknown[] = [];
      for (let c = 1; c <= ws.columnCount; c++) vals.push(cell(row.getCell(c).value));
      all[n - 1] = vals;
    });
    const [head = [], ...rest] = Array.from(all, (r) => r ?? []);
    return { headers: head.map((h) => String(h ?? '').trim()), rows: rest };
  }
  // U+0000 cannot be stored in PostgreSQL text; it is never meaningful in a spreadsheet cell.
  let text = data.toString('utf8').replaceAll('\u0000', '');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (e) {
    throw DomainError.field(
      'file',
      'CSV_INVALID',
      `file：CSV格式错误（${(e as Error).message}）`,
      `file: invalid CSV (${(e as Error).message})`,
    );
  }
  const [head = [], ...rest] = records;
  return { headers: head.map((h) => h.trim()), rows: rest };
}

const FIELD_COMPARE = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  if (typeof a === 'number' || typeof b === 'number')
    return a !== null && b !== null && a !== undefined && b !== undefined ? Number(a) === Number(b) : a === b;
  return (a ?? null) === (b ?? null);
};

/** Listing import (CSV/XLSX, Chinese or English headers) and export. */
@Injectable()
export class ListingImportService {
  constructor(
    private readonly service: ListingsService,
    private readonly repo: ListingsRepository,
  ) {}

  /**
   * Imports rows: bad rows are reported (row, column, why) and skipped, good rows are created or —
   * when their natural key exists — updated only if something differs, so a re-import changes nothing.
   * `onProgress(done, total)` is called per row (the CLI draws a bar with it).
   */
  async import(data: Buffer, filename = '', onProgress?: (done: number, total: number) => void, demo = false): Promise<ImportResult> {
    const { headers, rows } = await readSheet(data, filename);
    const specs: (ColumnSpec | null)[] = headers.map(columnForHeader);
    const result: ImportResult = { created: 0, updated: 0, unchanged: 0, errors: [] };
    for (const need of ['title', 'kind', 'deal'] as const) {
      if (!specs.some((s) => s?.field === need)) {
        const spec = COLUMNS.find((c) => c.field === need)!;
        result.errors.push({
          row: 1,
          column: spec.zh,
          message_zh: `缺少"${spec.zh}"列`,
          message_en: `Missing column "${spec.zh}" (${spec.headers[1]})`,
        });
      }
    }
    if (result.errors.length) return result;

    const parsed: { row: number; fields: ListingFields; present: Set<string>; key: string }[] = [];
    const seen = new Map<string, number>();
    const parkCache = new Map<string, string | null>();
    for (let i = 0; i < rows.length; i++) {
      const rowNo = i + 2;
      const cells = rows[i];
      if (!cells || cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
      const fields: ListingFields = {};
      const present = new Set<string>();
      const errors: ImportRowError[] = [];
      for (let c = 0; c < specs.length; c++) {
        const spec = specs[c];
        if (!spec) continue;
        const { value, error } = parseCell(spec, cells[c]);
        if (error) {
          errors.push({ row: rowNo, ...error });
          continue;
        }
        if (spec.field === 'park') {
          present.add('parkId');
          if (value === undefined) {
            fields.parkId = null;
            continue;
          }
          const name = String(value);
          if (!parkCache.has(name)) parkCache.set(name, await this.service.resolvePark(name));
          const id = parkCache.get(name) ?? null;
          if (!id)
            errors.push({ row: rowNo, column: spec.zh, message_zh: `园区："${name}"不存在`, message_en: `park: no park named "${name}"` });
          else fields.parkId = id;
          continue;
        }
        if (spec.kind === 'rent') {
          present.add('rentYuanPerSqmMonth');
          present.add('rentQuotedRaw');
          const r = value as { perMonth: number; raw: string } | undefined;
          fields.rentYuanPerSqmMonth = r?.perMonth ?? null;
          fields.rentQuotedRaw = r?.raw ?? null;
          continue;
        }
        present.add(spec.field);
        (fields as Record<string, unknown>)[spec.field] = value === undefined ? (spec.kind === 'codes' ? [] : null) : value;
      }
      for (const need of ['title', 'kind', 'deal'] as const) {
        if (fields[need] === null || fields[need] === undefined) {
          if (!errors.some((e) => e.column === COLUMNS.find((c) => c.field === need)!.zh)) {
            const spec = COLUMNS.find((c) => c.field === need)!;
            errors.push({ row: rowNo, column: spec.zh, message_zh: `${spec.zh}：必填`, message_en: `${spec.headers[1]}: required` });
          }
        }
      }
      if (errors.length === 0 && fields.kind !== 'land' && fields.deal === 'land_transfer') {
        errors.push({
          row: rowNo,
          column: '租售',
          message_zh: '租售：只有土地可以出让',
          message_en: 'deal: only land can be transferred (出让)',
        });
      }
      if (errors.length) {
        result.errors.push(...errors);
        continue;
      }
      const key = naturalKeyOf(fields);
      if (seen.has(key)) {
        result.errors.push({
          row: rowNo,
          column: fields.externalCode ? '编号' : '标题',
          message_zh: `与第${seen.get(key)}行重复（同编号或同标题+地址）`,
          message_en: `Duplicate of row ${seen.get(key)} (same code or title + address)`,
        });
        continue;
      }
      seen.set(key, rowNo);
      parsed.push({ row: rowNo, fields: this.service.normalise(fields), present, key });
    }

    const existing = new Map<string, Listing>();
    for (let i = 0; i < parsed.length; i += 1000) {
      for (const l of await this.repo.findByNaturalKeys(parsed.slice(i, i + 1000).map((p) => p.key))) existing.set(l.naturalKey, l);
    }
    let done = 0;
    await this.repo.transaction(async (m) => {
      for (const p of parsed) {
        const old = existing.get(p.key);
        if (!old) {
          await this.repo.create({ ...p.fields, naturalKey: p.key, demo }, m);
          result.created++;
        } else {
          const changed = Object.entries(p.fields).filter(([k, v]) => !FIELD_COMPARE((old as unknown as Record<string, unknown>)[k], v));
          if (changed.length) {
            Object.assign(old, Object.fromEntries(changed));
            await this.repo.save(old, m);
            result.updated++;
          } else {
            result.unchanged++;
          }
        }
        onProgress?.(++done, parsed.length);
      }
    });
    return result;
  }

  /** Every listing as CSV (UTF-8 with BOM, so Excel opens it) or XLSX, with the import's Chinese headers. */
  async export(format: 'csv' | 'xlsx'): Promise<Buffer> {
    const listings = await this.repo.all();
    const headers = COLUMNS.map((c) => c.headers[0]);
    const rows = listings.map((l) =>
      COLUMNS.map((c): string | number | null => {
        switch (c.kind) {
          case 'park':
            return l.parkId;
          case 'rent':
            return l.rentQuotedRaw ?? l.rentYuanPerSqmMonth;
          case 'bool':
            return l.envApproved === null ? null : l.envApproved ? '是' : '否';
          case 'codes':
            return l.allowedIndustries.join('、');
          default: {
            const v = (l as unknown as Record<string, unknown>)[c.field];
            return v === null || v === undefined ? null : (v as string | number);
          }
        }
      }),
    );
    if (format === 'csv') return Buffer.from('\ufeff' + stringify([headers, ...rows]), 'utf8');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('载体 listings');
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
