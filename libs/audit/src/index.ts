export { AuditLog } from './audit-log.entity.js';
export { AuditService, diffFields, type AuditEntry } from './audit.service.js';
export { AuditModule } from './audit.module.js';

import { AuditLog } from './audit-log.entity.js';
export const AUDIT_ENTITIES = [AuditLog];
