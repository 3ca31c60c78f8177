import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { UsersRepository, UsersService } from '@app/identity';
import { DemoService } from '@app/demo';

/**
 * First start on an empty database: create the first admin (ADMIN_EMAIL/ADMIN_PASSWORD or a printed
 * one-time password) and, unless SEED_DEMO=false, load the demo data.
 */
export async function prepareFirstStart(app: INestApplicationContext, config: AppConfig): Promise<boolean> {
  const fresh = (await app.get(UsersRepository).count()) === 0;
  if (!fresh) return false;
  await app.get(UsersService).ensureFirstAdmin();
  if (config.seedDemo) await app.get(DemoService).seed();
  return true;
}
