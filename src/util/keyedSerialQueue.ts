/**
 * Runs tasks that share a key one after another, and tasks with different keys
 * side by side. Bot state is saved last-writer-wins, so two turns of one
 * conversation must never interleave inside one process.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Number of keys with work queued or running; for tests and the benchmark. */
  get activeKeys(): number {
    return this.tails.size;
  }
}
