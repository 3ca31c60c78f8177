export {
  GROUP_BYS,
  INTERVALS,
  CHINA_OFFSET_MS,
  rate,
  roundWan,
  byLeadsThenKey,
  percentile,
  percentileOfCounts,
  countsOf,
  countTotal,
  addCount,
  funnel,
  conversion,
  responseTimes,
  trend,
  lostReasons,
  periodOf,
  periodsBetween,
  type GroupCounts,
  type ResponseGroup,
  type MinuteCounts,
  type LostCount,
  type GroupBy,
  type Interval,
  type Funnel,
  type FunnelStep,
  type ConversionRow,
  type ResponseTimeRow,
  type TrendRow,
  type LostReasonRow,
} from './report-math.js';
export { EXPORT_FORMATS, toCsv, toXlsx, type ExportFormat, type ReportTable, type Cell } from './report-table.js';
export { ReportsRepository, type ReportFilter, type ResponseRow } from './reports.repository.js';
export {
  ReportsService,
  CHANNEL_LABELS_ZH,
  type FunnelReport,
  type ConversionReport,
  type ResponseTimeReport,
  type TrendReport,
  type LostReasonReport,
} from './reports.service.js';
export { ReportsModule } from './reports.module.js';

export { LeadReportFact } from './lead-report-fact.entity.js';
import { LeadReportFact } from './lead-report-fact.entity.js';
export const REPORTS_ENTITIES = [LeadReportFact];
