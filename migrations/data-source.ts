import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { IDENTITY_ENTITIES } from '@app/identity';
import { RateLimitCounter } from '@app/rate-limit';
import { LEADS_ENTITIES } from '@app/leads';
import { KNOWLEDGE_ENTITIES } from '@app/knowledge';
import { ROUTING_ENTITIES } from '@app/routing';
import { NOTIFICATIONS_ENTITIES } from '@app/notifications';
import { LISTINGS_ENTITIES } from '@app/listings';
import { PIPELINE_ENTITIES } from '@app/pipeline';
import { REPORTS_ENTITIES } from '@app/reports';
import { AUDIT_ENTITIES } from '@app/audit';
import { MIGRATIONS } from './list.js';

/**
 * Every entity of the product. A feature lib exports its entity list; add it here.
 */
export const ENTITIES = [...IDENTITY_ENTITIES, RateLimitCounter, ...LEADS_ENTITIES, ...PIPELINE_ENTITIES, ...REPORTS_ENTITIES, ...AUDIT_ENTITIES, ...LISTINGS_ENTITIES, ...ROUTING_ENTITIES, ...NOTIFICATIONS_ENTITIES, ...KNOWLEDGE_ENTITIES];

/** The one data source shared by the API, the worker, the CLI and the tests. */
export function createDataSource(url: string, applicationName = 'zhaoshang-crm', poolSize = 5): DataSource {
  return new DataSource(dataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, applicationName, poolSize }));
}
