import { commands, type Disposable } from 'vscode';
import { ClientCommands } from '../../server/src/protocol';

/** What a command may use; the extension owns both. */
export interface CommandContext {
  restart(): Promise<void>;
  showOutput(): void;
}

/**
 * Every command the extension contributes, in one table that matches package.json
 * `contributes.commands`. Anything about manifests is the server's job, not a command's.
 */
export function registerCommands(context: CommandContext): Disposable[] {
  const table: Record<(typeof ClientCommands)[keyof typeof ClientCommands], () => unknown> = {
    [ClientCommands.restartServer]: () => context.restart(),
    [ClientCommands.showOutput]: () => context.showOutput(),
  };
  return Object.entries(table).map(([id, run]) => commands.registerCommand(id, run));
}
