import { COLUMNS, columnForHeader, dayRentToMonth, naturalKeyOf, parseCell, parseRent } from './listing-fields.js';

const col = (h: string) => columnForHeader(h)!;

describe('listing fields', () => {
  it('converts a rent quoted per day to per month (×365/12) and keeps the quote', () => {
    expect(dayRentToMonth(0.8)).toBe(24.33);
    expect(parseRent('0.8元/㎡/天')).toEqual({ perMonth: 24.33, raw: '0.8元/㎡/天' });
    expect(parseRent('25元/㎡/月')).toEqual({ perMonth: 25, raw: '25元/㎡/月' });
    expect(parseRent('25')?.perMonth).toBe(25);
    expect(parseRent('面议')).toBeNull();
  });

  it('knows Chinese and English headers', () => {
    expect(col('标题').field).toBe('title');
    expect(col('Title').field).toBe('title');
    expect(col('亩均税收要求').field).toBe('minTaxPerMuWan');
    expect(col('可环评').field).toBe('envApproved');
    expect(columnForHeader('whatever')).toBeNull();
    expect(new Set(COLUMNS.map((c) => c.headers[0])).size).toBe(COLUMNS.length);
  });

  it('parses Chinese enum values, booleans, units and codes', () => {
    expect(parseCell(col('类型'), '厂房').value).toBe('factory');
    expect(parseCell(col('租售'), '出让').value).toBe('land_transfer');
    expect(parseCell(col('状态'), '已售').value).toBe('sold');
    expect(parseCell(col('可环评'), '是').value).toBe(true);
    expect(parseCell(col('面积'), '3,200㎡').value).toBe(3200);
    expect(parseCell(col('准入产业'), 'c36、C38').value).toEqual(['C36', 'C38']);
    expect(parseCell(col('可用日期'), '2026/12/1').value).toBe('2026-12-01');
    expect(parseCell(col('面积'), '').value).toBeUndefined();
  });

  it('reports a bad cell with the column and why, in both languages', () => {
    expect(parseCell(col('面积'), '很大').error).toEqual({
      column: '面积',
      message_zh: '面积："很大"不是有效的数字',
      message_en: 'areaSqm: "很大" is not a valid number',
    });
    expect(parseCell(col('类型'), '别墅').error?.message_zh).toBe('类型："别墅"无法识别，应为厂房、土地、写字楼、仓库之一');
  });

  it('keys a listing by its code, else by title + address', () => {
    expect(naturalKeyOf({ externalCode: 'A-1', title: 'x', address: 'y' })).toBe('code:a-1');
    expect(naturalKeyOf({ externalCode: null, title: ' 厂房 A ', address: '金华 路1号' })).toBe('ta:厂房a|金华路1号');
  });
});
