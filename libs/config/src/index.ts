export { ConfigError, loadConfig, type AppConfig, type NodeEnv } from './app-config.js';
export { APP_CONFIG, ConfigModule } from './config.module.js';
