import type { CliCommand } from '../command.js';
import { migrateCommand, migrationGenerateCommand } from './database.commands.js';
import { createUserCommand, seedDemoCommand } from './identity.commands.js';
import { backupCommand, restoreCommand } from './backup.commands.js';
import { importListingsCommand } from './listings.commands.js';
import { importArticlesCommand } from './knowledge.commands.js';

/** Every CLI command. A feature adds its commands here. */
export const COMMANDS: CliCommand[] = [
  migrateCommand,
  migrationGenerateCommand,
  seedDemoCommand,
  createUserCommand,
  backupCommand,
  restoreCommand,
  importListingsCommand,
  importArticlesCommand,
];
