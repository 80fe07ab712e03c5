import { readFileSync } from 'node:fs';

/**
 * The Node flags `npm start` runs the bot with (the heap cap among them), read
 * from package.json so the benchmark measures the bot as production runs it.
 */
export function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const command = pkg.scripts.start.split('&&').at(-1)!.trim().split(/\s+/);
  return command.filter((word) => word.startsWith('--'));
}
