// Records everything a transport emits, for assertions on order and content.
import type { Logger, Transport, TransportMessage, TransportStatus } from '@voxd/core';
import type { Subscription } from 'rxjs';

export interface Observed {
  readonly messages: TransportMessage[];
  readonly statuses: TransportStatus[];
  /** Settles when messages$ completes (undefined) or errors (the error). */
  readonly ended: Promise<unknown>;
  readonly subscription: Subscription;
}

export function observe(transport: Transport): Observed {
  const messages: TransportMessage[] = [];
  const statuses: TransportStatus[] = [];
  const statusSubscription = transport.status$.subscribe((status) => statuses.push(status));
  let subscription!: Subscription;
  const ended = new Promise<unknown>((resolve) => {
    subscription = transport.messages$.subscribe({
      next: (message) => messages.push(message),
      error: (error: unknown) => resolve(error),
      complete: () => resolve(undefined),
    });
  });
  subscription.add(statusSubscription);
  return { messages, statuses, ended, subscription };
}

/** Types of the `event` messages, in order. */
export function eventTypes(messages: readonly TransportMessage[]): string[] {
  return messages.flatMap((m) => (m.kind === 'event' ? [m.event.type] : []));
}

export interface LogEntry {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

export function recordingLogger(): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      entries.push({ level, fields, message });
    };
  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    entries,
  };
}
