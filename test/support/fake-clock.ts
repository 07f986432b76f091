import type { SchedulerClock } from '../../src/scheduler/etl-scheduler';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * One fake timeline for tests: timers fire only when the test advances it. Several clocks can read it with an
 * offset each (replicas whose wall clocks disagree), while their timers all run on the one timeline, as timers run
 * on each machine's monotonic clock.
 */
export class FakeTimeline {
  private nowMs: number;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  constructor(start: Date) {
    this.nowMs = start.getTime();
  }

  /** The true time. */
  now(): Date {
    return new Date(this.nowMs);
  }

  /** A clock that reads this timeline `offsetMs` ahead (negative: behind). */
  clock(offsetMs = 0): SchedulerClock {
    return {
      now: () => new Date(this.nowMs + offsetMs),
      setTimer: (callback, ms) => {
        const timer = { at: this.nowMs + Math.max(0, ms), seq: this.seq++, callback };
        this.timers.add(timer);
        return timer;
      },
      clearTimer: (handle) => {
        this.timers.delete(handle as Timer);
      },
    };
  }

  /** How many timers are set. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due in order, and letting the promises each one starts
   * settle before the next fires.
   */
  async advance(ms: number): Promise<void> {
    const end = this.nowMs + ms;
    for (;;) {
      const due = [...this.timers]
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers.delete(due);
      this.nowMs = Math.max(this.nowMs, due.at);
      due.callback();
      await settle();
    }
    this.nowMs = end;
    await settle();
  }
}

/** Lets every promise that is ready run (several rounds: chains of awaits). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
