import { z } from 'zod';

const durationMs = z.number().int().min(0).max(86_400_000);

/**
 * `daemon:` — how `voxd daemon` runs the agent (ignored by `voxd run`). Every field is optional;
 * the daemon documents its defaults (`voxd daemon --help`).
 */
export const daemonBlockSchema = z
  .strictObject({
    restart: z.enum(['never', 'on-failure', 'always']).optional().meta({
      description:
        'When a WAV agent starts a new session after one ended: never, on-failure, always (default always)',
    }),
    restart_delay_ms: durationMs.optional().meta({
      description: 'Delay before a restart; doubles per consecutive failure (default 1000)',
    }),
    restart_max_delay_ms: durationMs.optional().meta({
      description: 'Cap of the restart backoff (default 30000)',
    }),
    max_sessions: z.number().int().min(1).max(100_000).optional().meta({
      description: 'Concurrent sessions of a gateway agent (default 100)',
    }),
    idle_timeout_ms: durationMs.optional().meta({
      description: 'Close a session idle for this long; 0 turns it off (default 300000)',
    }),
    max_session_duration_ms: durationMs.optional().meta({
      description:
        'Recycle sessions after this long, before the service limit of about 30 minutes; 0 turns it off (default 1500000)',
    }),
  })
  .meta({ description: 'How voxd daemon runs this agent' });

/** The validated `daemon:` block of an agent file. */
export type DaemonBlock = z.output<typeof daemonBlockSchema>;
