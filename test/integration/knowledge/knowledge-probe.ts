import { DemoService } from '@app/demo';
import { DEMO_ARTICLE } from '@app/knowledge';
import type { TestApp } from '../../support/test-app.js';

export { DEMO_ARTICLE };

/** Runs the demo seed on a test app and counts the articles afterwards. */
export class DemoKnowledgeProbe {
  constructor(private readonly t: TestApp) {}

  async seed(): Promise<{ articles: number }> {
    await this.t.app.get(DemoService).seed();
    const rows: { n: number }[] = await this.t.ds.query('SELECT count(*)::int AS n FROM article');
    return { articles: rows[0].n };
  }
}
