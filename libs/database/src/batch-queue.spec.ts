import { BatchQueue } from './batch-queue.js';

/** A run that records its batches and answers each item with item × 10, after `gate` opens. */
function recorder(fail: (items: number[]) => boolean = () => false) {
  const batches: number[][] = [];
  let open: () => void = () => undefined;
  let gate = Promise.resolve();
  return {
    batches,
    hold() {
      gate = new Promise<void>((r) => (open = r));
    },
    release: () => open(),
    run: async (items: number[]) => {
      batches.push([...items]);
      await gate;
      if (fail(items)) throw new Error(`bad batch ${items.join(',')}`);
      return items.map((i) => i * 10);
    },
  };
}

describe('BatchQueue', () => {
  it('runs a lone item by itself and answers it', async () => {
    const r = recorder();
    const q = new BatchQueue(r.run, { max: 10, inFlight: 2 });
    await expect(q.push(4)).resolves.toBe(40);
    expect(r.batches).toEqual([[4]]);
  });

  it('hands items pushed in one turn to one run, in order, each with its own result', async () => {
    const r = recorder();
    const q = new BatchQueue(r.run, { max: 10, inFlight: 2 });
    await expect(Promise.all([1, 2, 3, 4].map((i) => q.push(i)))).resolves.toEqual([10, 20, 30, 40]);
    expect(r.batches).toEqual([[1, 2, 3, 4]]);
  });

  it('gathers the items that arrive while every slot is busy into the next run, at most `max` a run', async () => {
    const r = recorder();
    const q = new BatchQueue(r.run, { max: 3, inFlight: 1 });
    r.hold();
    const first = q.push(1);
    await new Promise((res) => setImmediate(res));
    expect(r.batches).toEqual([[1]]);
    const later = [2, 3, 4, 5, 6, 7, 8].map((i) => q.push(i));
    await new Promise((res) => setImmediate(res));
    expect(r.batches).toHaveLength(1);
    expect(q.waiting).toBe(7);
    r.release();
    await expect(Promise.all([first, ...later])).resolves.toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
    expect(r.batches).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
  });

  it('never runs more than `inFlight` batches at once', async () => {
    let running = 0;
    let most = 0;
    const q = new BatchQueue(
      async (items: number[]) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((res) => setTimeout(res, 5));
        running -= 1;
        return items;
      },
      { max: 2, inFlight: 2 },
    );
    const all = [];
    for (let i = 0; i < 20; i++) {
      all.push(q.push(i));
      if (i % 3 === 0) await new Promise((res) => setImmediate(res));
    }
    await expect(Promise.all(all)).resolves.toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(2);
  });

  it('rejects every item of a failed run', async () => {
    const r = recorder(() => true);
    const q = new BatchQueue(r.run, { max: 10, inFlight: 1 });
    const out = await Promise.allSettled([1, 2].map((i) => q.push(i)));
    expect(out.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(r.batches).toEqual([[1, 2]]);
  });

  it('with retrySingly, runs each item of a failed run alone, so only the bad one fails', async () => {
    const r = recorder((items) => items.includes(13));
    const q = new BatchQueue(r.run, { max: 10, inFlight: 1, retrySingly: true });
    const out = await Promise.allSettled([11, 12, 13, 14].map((i) => q.push(i)));
    expect(out).toEqual([
      { status: 'fulfilled', value: 110 },
      { status: 'fulfilled', value: 120 },
      { status: 'rejected', reason: new Error('bad batch 13') },
      { status: 'fulfilled', value: 140 },
    ]);
    expect(r.batches).toEqual([[11, 12, 13, 14], [11], [12], [13], [14]]);
  });

  it('treats a run that answers the wrong number of results as failed', async () => {
    const q = new BatchQueue(async (items: number[]) => items.slice(1), { max: 10, inFlight: 1 });
    await expect(Promise.all([q.push(1), q.push(2)])).rejects.toThrow('batch of 2 returned 1 results');
  });
});
