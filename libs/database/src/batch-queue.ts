/** How a {@link BatchQueue} groups its items. */
export interface BatchQueueOptions {
  /** Most items handed to one run. */
  max: number;
  /** Runs at the same time: while one waits for the database, the next one gathers and starts. */
  inFlight: number;
  /** When a run of several items throws, run each item alone, so one bad item fails by itself (default false). */
  retrySingly?: boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit inside one process: items pushed in the same turn of the event loop, or while every
 * run slot is busy, are handed to `run` together. Under light load each item runs alone and at once
 * (one `setImmediate` later); under load the batches grow by themselves, so a statement, a commit
 * and a round trip are paid per batch instead of per item.
 *
 * `run` returns one result per item, in order. If it throws, every item of that run rejects with
 * the error — or, with `retrySingly`, is run again alone.
 */
export class BatchQueue<I, O> {
  private pending: Waiting<I, O>[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: BatchQueueOptions,
  ) {}

  /** Resolves with the item's result once the run holding it finished. */
  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for a run slot. */
  get waiting(): number {
    return this.pending.length;
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.options.inFlight || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.running >= this.options.inFlight || this.pending.length === 0) return;
      const batch = this.pending.splice(0, this.options.max);
      this.running += 1;
      void this.settle(batch).finally(() => {
        this.running -= 1;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async settle(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const out = await this.run(batch.map((w) => w.item));
      if (out.length !== batch.length) throw new Error(`batch of ${batch.length} returned ${out.length} results`);
      batch.forEach((w, i) => w.resolve(out[i]));
    } catch (e) {
      if (!this.options.retrySingly || batch.length === 1) {
        for (const w of batch) w.reject(e);
        return;
      }
      await Promise.all(
        batch.map(async (w) => {
          try {
            w.resolve((await this.run([w.item]))[0]);
          } catch (e1) {
            w.reject(e1);
          }
        }),
      );
    }
  }
}
