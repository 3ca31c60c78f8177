import { IntakeBatch1795649771630 } from './1795649771630-intake-batch.js';
import { NotificationDueIndex1795641437998 } from './1795641437998-notification-due-index.js';
import { ReportPeriodRollups1795632752525 } from './1795632752525-report-period-rollups.js';
import { ReportIndustryNames1795632599554 } from './1795632599554-report-industry-names.js';
import { ReportResponseRollup1795631909372 } from './1795631909372-report-response-rollup.js';
import { IntakeOneStatement1795631659069 } from './1795631659069-intake-one-statement.js';
import { ReportRollups1795625766442 } from './1795625766442-report-rollups.js';
import { ReportFacts1795624916257 } from './1795624916257-report-facts.js';
import { RoutingLockFree1795624279557 } from './1795624279557-routing-lock-free.js';
import { PipelineProgress1795623550716 } from './1795623550716-pipeline-progress.js';
import { KnowledgePolicyBase1795623241905 } from './1795623241905-knowledge-policy-base.js';
import { Knowledge1795622356283 } from './1795622356283-knowledge.js';
import { RoutingNotifications1795622211970 } from './1795622211970-routing-notifications.js';
import { Listings1795622102067 } from './1795622102067-listings.js';
import { Pipeline1795622055594 } from './1795622055594-pipeline.js';
import { Leads1795621763608 } from './1795621763608-leads.js';
import { Init1795621441836 } from './1795621441836-init.js';
/**
 * Every migration, in order. Listed explicitly (globs break under the test runner).
 * `npm run migration:generate -- <name>` writes a new file and adds it here.
 */
export const MIGRATIONS = [Init1795621441836, Leads1795621763608, Pipeline1795622055594, Listings1795622102067, RoutingNotifications1795622211970, Knowledge1795622356283, KnowledgePolicyBase1795623241905, PipelineProgress1795623550716, RoutingLockFree1795624279557, ReportFacts1795624916257, ReportRollups1795625766442, IntakeOneStatement1795631659069, ReportResponseRollup1795631909372, ReportIndustryNames1795632599554, ReportPeriodRollups1795632752525, NotificationDueIndex1795641437998, IntakeBatch1795649771630];
