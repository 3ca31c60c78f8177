import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DemoService } from '@app/demo';
import { DEMO_ARTICLE, DEMO_PARK_NAME } from './demo-article.js';
import { KnowledgeService } from './knowledge.service.js';

/**
 * Demo seed step (order 10, before listings and leads): the demo park, its industries and its
 * policies come from ingesting the demo article through the real extraction path. Its extracted
 * policies are then marked reviewed, as a manager would, so matching can offer them.
 */
@Injectable()
export class KnowledgeDemo implements OnModuleInit {
  private readonly logger = new Logger('KnowledgeDemo');

  constructor(
    private readonly demo: DemoService,
    private readonly knowledge: KnowledgeService,
  ) {}

  onModuleInit(): void {
    this.demo.addStep({ name: 'knowledge', order: 10, run: () => this.seed() });
  }

  async seed(): Promise<string> {
    const r = await this.knowledge.ingestArticle({
      title: DEMO_ARTICLE.title,
      body: DEMO_ARTICLE.body,
      sourceUrl: DEMO_ARTICLE.sourceUrl,
      publishedAt: new Date(DEMO_ARTICLE.publishedAt),
      demo: true,
    });
    const park = r.parks.find((p) => p.name === DEMO_PARK_NAME);
    if (park && !park.region) await this.knowledge.updatePark(park.id, { region: '浙江省金华市' });
    let reviewed = 0;
    for (const p of r.policies) {
      if (p.status !== 'extracted') continue;
      await this.knowledge.updatePolicy(p.id, { status: 'reviewed' }, null);
      reviewed++;
    }
    const summary = `article ${r.created ? 'ingested' : 'updated'}; parks ${r.parks.map((p) => p.name).join('、')}; industries ${r.industries.length}; policies ${r.policies.length} (${reviewed} marked reviewed); statistics ${r.statistics.length}`;
    this.logger.log(summary);
    return summary;
  }
}
