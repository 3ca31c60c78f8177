import { backoffMs, nextAttemptAfterFailure, robotDigest, truncateBytes } from './delivery-policy.js';

describe('delivery policy', () => {
  it('backs off exponentially and caps at two hours', () => {
    expect(backoffMs(1)).toBe(30_000);
    expect(backoffMs(2)).toBe(60_000);
    expect(backoffMs(5)).toBe(480_000);
    expect(backoffMs(30)).toBe(7_200_000);
  });

  it('gives up (dead) once the next attempt would be more than 24 h after creation', () => {
    const created = new Date('2026-03-02T00:00:00Z');
    expect(nextAttemptAfterFailure(created, 3, new Date('2026-03-02T01:00:00Z'))).toEqual(new Date('2026-03-02T01:02:00Z'));
    expect(nextAttemptAfterFailure(created, 20, new Date('2026-03-02T23:00:00Z'))).toBeNull();
  });

  it('honours a minimum delay (45009 → at least 60 s)', () => {
    const now = new Date('2026-03-02T00:00:00Z');
    expect(nextAttemptAfterFailure(now, 1, now, 60_000)!.getTime() - now.getTime()).toBe(60_000);
  });

  it('truncates by UTF-8 bytes without splitting Chinese characters', () => {
    const s = '招商'.repeat(2000); // 12000 bytes
    const cut = truncateBytes(s, 4096);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(4096);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
    expect(truncateBytes('短消息', 4096)).toBe('短消息');
  });

  it('merges a burst into one digest within 4096 bytes and reports how many it carries', () => {
    const items = Array.from(
      { length: 40 },
      (_, i) =>
        `### 新线索 ZS-2026-${String(i).padStart(6, '0')}\n公司：某某精密制造有限公司\n需求：厂房 5000㎡，层高 8 米，行车 10 吨\n电话：138****5678`,
    );
    const d = robotDigest(items);
    expect(Buffer.byteLength(d.content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(d.count).toBeGreaterThan(1);
    expect(d.count).toBeLessThan(40);
    expect(d.content).toContain(`汇总（${d.count} 条）`);
    expect(robotDigest(['只有一条']).content).toBe('只有一条');
  });
});
