import { Injectable } from '@nestjs/common';

/**
 * The time every routing, SLA and delivery decision uses. Production reads the system clock;
 * tests set it (`set`, `advance`) to walk through timers without waiting.
 */
@Injectable()
export class Clock {
  private fixed: number | null = null;

  now(): Date {
    return new Date(this.fixed ?? Date.now());
  }

  set(at: Date | string): void {
    this.fixed = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.fixed = (this.fixed ?? Date.now()) + ms;
  }

  /** Back to the system clock. */
  reset(): void {
    this.fixed = null;
  }
}
