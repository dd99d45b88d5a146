import { VirtualTimeScheduler } from 'rxjs';

/**
 * The session's clock in a replay: rxjs virtual time that moves only when the replay driver says
 * so. Everything on it (the source's frames, the sink's playhead, the session's timers, the
 * latency model) sees exact, repeatable times however fast or slow the machine runs.
 */
export class VirtualClock {
  readonly scheduler = new VirtualTimeScheduler();

  get nowMs(): number {
    return this.scheduler.frame;
  }

  /** When the next scheduled action is due, or undefined when nothing is scheduled. */
  nextDueMs(): number | undefined {
    return this.scheduler.actions[0]?.delay;
  }

  /** Runs every action due at or before `ms` (also those they schedule in that window). */
  runUntil(ms: number): void {
    this.scheduler.maxFrames = ms;
    this.scheduler.flush();
    this.scheduler.frame = Math.max(this.scheduler.frame, ms);
  }
}
