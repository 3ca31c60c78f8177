import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesRepository } from './articles.repository.js';
import { Article } from './article.entity.js';
import { KnowledgeDemo } from './knowledge-demo.js';
import { KnowledgeService } from './knowledge.service.js';
import { ParkIndustry } from './park-industry.entity.js';
import { Park } from './park.entity.js';
import { ParksRepository } from './parks.repository.js';
import { PoliciesRepository } from './policies.repository.js';
import { Policy } from './policy.entity.js';
import { Statistic } from './statistic.entity.js';
import { DemoModule } from '@app/demo';

@Module({
  imports: [TypeOrmModule.forFeature([Article, Park, ParkIndustry, Policy, Statistic]), DemoModule],
  providers: [ArticlesRepository, ParksRepository, PoliciesRepository, KnowledgeService, KnowledgeDemo],
  exports: [ParksRepository, PoliciesRepository, KnowledgeService],
})
export class KnowledgeModule {}
