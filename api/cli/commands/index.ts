/** Every `kontakt` command, in the order `kontakt --help` lists them. */
import type { Command } from '../command';
import { serveCommand } from './serve';
import { migrateCommand } from './migrate';
import { apikeyCreateCommand, apikeyListCommand, apikeyRevokeCommand, apikeyScopeCommand, userAddCommand } from './accounts';
import { cityImportCommand } from './city';
import { demoCommand } from './demo';
import { open311CheckCommand } from './open311';
import { notifySendDueCommand } from './notify';
import { mediaPruneCommand } from './media';

export const COMMANDS: Command[] = [
  serveCommand,
  migrateCommand,
  apikeyCreateCommand,
  apikeyListCommand,
  apikeyScopeCommand,
  apikeyRevokeCommand,
  userAddCommand,
  cityImportCommand,
  demoCommand,
  open311CheckCommand,
  mediaPruneCommand,
  notifySendDueCommand,
];
