import { fork, type ChildProcess } from 'node:child_process';
import type { ChildRequest } from './killableBotProcess.js';

type Command = ChildRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The bot in its own process (test/support/killableBotProcess.ts), which the test can SIGKILL or arm to kill itself at a step. */
export interface ChildBot {
  url: string;
  process: ChildProcess;
  send(command: Command): Promise<unknown>;
  /** SIGKILL now; resolves once it is gone. */
  kill(): Promise<void>;
  /** Resolves when the process has ended, however. */
  exited: Promise<void>;
}

export async function startChildBot(env: Record<string, string>): Promise<ChildBot> {
  const child = fork('test/support/killableBotProcess.ts', [], {
    execArgv: ['--no-deprecation', '--import', 'tsx'],
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const onMessage = (message: { ready?: string }) => {
      if (message.ready) {
        child.off('message', onMessage);
        resolve(message.ready);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the bot process exited with ${code} before it was ready`)));
  });
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
    if (message.id === undefined) return;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.result);
  });
  void exited.then(() => {
    for (const waiting of pending.values()) waiting.reject(new Error('the bot process ended'));
    pending.clear();
  });
  return {
    url,
    process: child,
    exited,
    send(command) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ ...command, id });
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
