export { RateLimitCounter } from './rate-limit-counter.entity.js';
export { RateLimitService, type RateLimitResult } from './rate-limit.service.js';
export { RateLimitModule } from './rate-limit.module.js';
