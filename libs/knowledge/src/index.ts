export { Article } from './article.entity.js';
export { Park, PARK_LEVELS, type ParkLevel } from './park.entity.js';
export { ParkIndustry } from './park-industry.entity.js';
export { Policy } from './policy.entity.js';
export { Statistic } from './statistic.entity.js';
export { ParksRepository } from './parks.repository.js';
export { PoliciesRepository, type PolicyFilter } from './policies.repository.js';
export {
  KnowledgeService,
  contentHashOf,
  type ArticleInput,
  type IngestResult,
  type ParkInput,
  type PolicyChanges,
} from './knowledge.service.js';
export { KnowledgeModule } from './knowledge.module.js';
export {
  evaluateConditions,
  validateConditionRule,
  FACT_LABELS,
  LEAD_FACTS,
  CONDITION_OPS,
  type ConditionRule,
  type ConditionLeaf,
  type ConditionOp,
  type ConditionEvaluation,
  type LeadFact,
  type LeadFacts,
} from './extraction/conditions.js';
export { POLICY_KINDS, POLICY_KIND_LABELS, POLICY_STATUSES, type PolicyKind, type PolicyStatus } from './extraction/policy-kinds.js';
export { extractArticle, articleText, type ArticleExtraction } from './extraction/extract-article.js';
export { INDUSTRIES, industryByName, type IndustryTerm } from './extraction/industries.js';
export { parkKey } from './extraction/parks.js';
export { documentTitle } from './extraction/document-title.js';
export { DEMO_PARK_NAME, DEMO_ARTICLE } from './demo-article.js';

import { Article } from './article.entity.js';
import { Park } from './park.entity.js';
import { ParkIndustry } from './park-industry.entity.js';
import { Policy } from './policy.entity.js';
import { Statistic } from './statistic.entity.js';
export const KNOWLEDGE_ENTITIES = [Article, Park, ParkIndustry, Policy, Statistic];
