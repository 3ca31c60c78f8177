import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { DomainError } from '@app/errors';
import { ListingImportService } from '@app/listings';
import type { CliCommand } from '../command.js';

export const importListingsCommand: CliCommand = {
  name: 'import-listings',
  usage: 'import-listings <file.csv|file.xlsx>',
  description: 'Import listings (载体) from CSV or XLSX with a progress bar; bad rows are reported, re-importing changes nothing',
  async run(ctx, args) {
    const file = args[0];
    if (!file) {
      ctx.say(`usage: ${this.usage}`);
      return 2;
    }
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (e) {
      ctx.say(`cannot read ${file}: ${(e as Error).message}`);
      return 2;
    }
    const app = await ctx.app();
    const bar = new cliProgress.SingleBar(
      { format: '导入 import [{bar}] {value}/{total} rows', hideCursor: true, noTTYOutput: true, notTTYSchedule: 1000 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    try {
      const result = await app.get(ListingImportService).import(data, basename(file), (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      });
      if (started) bar.stop();
      ctx.say(`created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, errors ${result.errors.length}`);
      for (const e of result.errors) ctx.say(`  row ${e.row} ${e.column}: ${e.message_zh} / ${e.message_en}`);
      return result.errors.length ? 1 : 0;
    } catch (e) {
      if (started) bar.stop();
      if (e instanceof DomainError) {
        ctx.say(`${e.messageZh} / ${e.messageEn}`);
        return 1;
      }
      throw e;
    }
  },
};
