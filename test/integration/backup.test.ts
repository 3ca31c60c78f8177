import { mkdtempSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { backupDatabase, restoreDatabase } from '@app/database';
import { createTestDatabase } from '../support/test-app.js';

async function q(url: string, sql: string, params: unknown[] = []): Promise<any[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

describe('backup and restore (cli backup / restore)', () => {
  it('round-trips the database: a backup restores rows changed or deleted after it', async () => {
    const db = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'zs-backup-'));
    chmodSync(dir, 0o755);
    try {
      await q(
        db.url,
        "INSERT INTO app_user (email, name, role, password_hash) VALUES ('a@x.cn', '王先生', 'consultant', 'h'), ('b@x.cn', '李女士', 'manager', 'h')",
      );
      const file = join(dir, 'crm.dump');
      await backupDatabase(db.url, file);
      expect(statSync(file).size).toBeGreaterThan(1000);

      await q(db.url, "DELETE FROM app_user WHERE email = 'a@x.cn'");
      await q(db.url, "UPDATE app_user SET name = '改名' WHERE email = 'b@x.cn'");
      await restoreDatabase(db.url, file);

      const rows = await q(db.url, 'SELECT email, name FROM app_user ORDER BY email');
      expect(rows).toEqual([
        { email: 'a@x.cn', name: '王先生' },
        { email: 'b@x.cn', name: '李女士' },
      ]);
      const migrations = await q(db.url, 'SELECT count(*)::int AS n FROM migration');
      expect(migrations[0].n).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  });

  it('says clearly when the backup file does not exist', async () => {
    await expect(restoreDatabase('postgres://u:p@127.0.0.1:1/x', '/nonexistent/crm.dump')).rejects.toThrow('backup file not found');
  });
});
