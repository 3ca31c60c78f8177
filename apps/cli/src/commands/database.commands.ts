import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pendingSchemaChanges } from '@app/database';
import { createDataSource } from '@app/migrations';
import { migrate } from '@app/runtime';
import type { CliCommand } from '../command.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  description: 'Apply pending migrations',
  async run(ctx) {
    const applied = await migrate(ctx.databaseUrl);
    ctx.say(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
    return 0;
  },
};

function toClassName(name: string, ts: number): string {
  const camel = name
    .replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))
    .replace(/^./, (c) => c.toUpperCase());
  return `${camel}${ts}`;
}

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

export const migrationGenerateCommand: CliCommand = {
  name: 'migration-generate',
  usage: 'migration-generate <name> | --check',
  description:
    'Write a migration for the difference between the entities and the database (after migrating it); --check exits 1 when one is needed',
  async run(ctx, args) {
    const check = args.includes('--check');
    const name = args.find((a) => !a.startsWith('--'));
    if (!check && !name) {
      ctx.say('usage: migration-generate <name>');
      return 2;
    }
    await migrate(ctx.databaseUrl);
    const ds = createDataSource(ctx.databaseUrl, 'zhaoshang-crm-cli', 2);
    await ds.initialize();
    try {
      const { up, down } = await pendingSchemaChanges(ds);
      if (check) {
        if (up.length) {
          ctx.say(`schema drift: ${up.length} statement(s) not covered by a migration:`);
          for (const q of up) ctx.say(`  ${q}`);
          return 1;
        }
        ctx.say('no migration pending: entities and migrations agree');
        return 0;
      }
      if (!up.length) {
        ctx.say('nothing to generate: entities and migrations agree');
        return 0;
      }
      const ts = Date.now();
      const cls = toClassName(name!, ts);
      const file = `${ts}-${name!.replace(/[^a-zA-Z0-9-]+/g, '-')}.ts`;
      const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down
  .reverse()
  .map((q) => `    await queryRunner.query(${quote(q)});`)
  .join('\n')}
  }
}
`;
      const dir = join(process.cwd(), 'migrations');
      writeFileSync(join(dir, file), body);
      const listFile = join(dir, 'list.ts');
      let list = readFileSync(listFile, 'utf8');
      const importLine = `import { ${cls} } from './${file.replace(/\.ts$/, '.js')}';\n`;
      list = list.replace(/(export const MIGRATIONS[^=]*= \[)([\s\S]*?)(\];)/, (_m, a: string, items: string, c: string) => {
        const kept = items.trim().replace(/,$/, '');
        return `${a}${kept ? `${kept}, ` : ''}${cls}${c}`;
      });
      list = importLine + list;
      writeFileSync(listFile, list);
      ctx.say(`wrote migrations/${file} (${up.length} statements) and listed it in migrations/list.ts`);
      return 0;
    } finally {
      await ds.destroy();
    }
  },
};
