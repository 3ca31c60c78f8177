export {
  PrivacyRequestsService,
  RETENTION_JOB,
  ERASED,
  type AuditQuery,
  type AuditEntryView,
  type SubjectExport,
  type ErasureResult,
  type WithdrawalResult,
} from './privacy-requests.service.js';
export { PrivacyRequestsModule } from './privacy-requests.module.js';
