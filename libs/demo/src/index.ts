export { DemoService, type DemoSeedStep } from './demo.service.js';
export { DemoModule } from './demo.module.js';
export { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-data.js';
