import type { DataSource } from 'typeorm';

/** Pending schema changes: the SQL TypeORM would generate to bring the database in line with the entities. */
export async function pendingSchemaChanges(ds: DataSource): Promise<{ up: string[]; down: string[] }> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((q) => q.query),
    down: sql.downQueries.map((q) => q.query),
  };
}

/** Whether every known migration has been applied. */
export async function migrationsPending(ds: DataSource): Promise<boolean> {
  return ds.showMigrations();
}
