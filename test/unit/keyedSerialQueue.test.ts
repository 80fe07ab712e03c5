import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue } from '../../src/util/keyedSerialQueue.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedSerialQueue', () => {
  it('never interleaves tasks of one key, and keeps their order', async () => {
    const queue = new KeyedSerialQueue();
    let counter = 0;
    const seen: number[] = [];
    // A read-modify-write with a pause in the middle loses updates unless serialised.
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        queue.run('conversation-a', async () => {
          const read = counter;
          await tick();
          counter = read + 1;
          seen.push(i);
        }),
      ),
    );
    expect(counter).toBe(50);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(queue.activeKeys).toBe(0);
  });

  it('runs different keys side by side and survives a failing task', async () => {
    const queue = new KeyedSerialQueue();
    const order: string[] = [];
    const slow = queue.run('a', async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('a');
    });
    const failing = queue.run('b', async () => {
      throw new Error('boom');
    });
    const after = queue.run('b', async () => {
      order.push('b');
    });
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([slow, after]);
    expect(order).toEqual(['b', 'a']);
  });
});
