import { DemoService } from '@app/demo';
import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';

describe('pipeline demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('follows up the demo leads through the pipeline service, once', async () => {
    const steps = await t.app.get(DemoService).seed();
    const step = steps.find((s) => s.startsWith('pipeline:'));
    expect(step).toMatch(/^pipeline: \d+ activities$/);
    const rows: { stage: string; first_response_at: Date | null; activities: number; tasks: number }[] = await t.ds.query(
      `SELECT l.stage, l.first_response_at,
              (SELECT count(*)::int FROM lead_activity a WHERE a.lead_id = l.id) AS activities,
              (SELECT count(*)::int FROM lead_task k WHERE k.lead_id = l.id) AS tasks
         FROM lead l WHERE l.demo`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      if (r.stage === 'new') expect(r).toMatchObject({ first_response_at: null, activities: 0 });
      else expect(r.first_response_at).not.toBeNull();
    }
    expect(Number(step!.split(' ')[1])).toBe(rows.reduce((s, r) => s + r.activities, 0));
    expect(rows.filter((r) => r.stage === 'qualified').every((r) => r.tasks === 1)).toBe(true);
    const again = await t.app.get(DemoService).seed();
    expect(again).toContain('pipeline: already seeded');
  }, 120_000);
});
