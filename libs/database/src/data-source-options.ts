import type { DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './naming-strategy.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string>;

export interface DatabaseSettings {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  migrations: ClassList;
  /** Connections in the pool; the API's default suits 2 cores. */
  poolSize?: number;
  applicationName?: string;
  /** Wait for a pooled connection this long before failing (the API maps that failure to 503). */
  connectionTimeoutMs?: number;
}

/** The one TypeORM configuration shared by the API, the worker, the CLI and the tests. */
export function dataSourceOptions(s: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.url,
    entities: s.entities,
    migrations: s.migrations,
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error'],
    extra: {
      max: s.poolSize ?? 20,
      application_name: s.applicationName ?? 'zhaoshang-crm',
      // Under a burst, requests queue for a connection rather than fail; past this they get a 503.
      connectionTimeoutMillis: s.connectionTimeoutMs ?? 20_000,
      // Keep the client's time zone out of timestamptz arithmetic.
      options: '-c timezone=UTC',
    },
  };
}
