import type { SessionEvent } from '@voxd/core';

/**
 * One readable line for the session events a person watching `voxd run` cares about (turns,
 * transcripts, latencies, interruptions, tools, errors), or `undefined` for the rest (every event
 * still goes to `--events` as JSON).
 */
export function formatTimelineEvent(event: SessionEvent, startMs: number): string | undefined {
  const text = describe(event);
  if (text === undefined) return undefined;
  return `${formatClock(event.atMs - startMs)}  ${text}`;
}

function describe(event: SessionEvent): string | undefined {
  switch (event.type) {
    case 'session.connecting':
      return 'connecting';
    case 'session.ready':
      return `session ready (${event.sessionId}, model ${event.session.model ?? 'agent'})`;
    case 'session.reconnecting':
      return `connection lost (${event.reason}); reconnect attempt ${event.attempt} in ${event.delayMs} ms`;
    case 'session.reconnected':
      return `reconnected (${event.sessionId})`;
    case 'session.error':
      return `${event.recoverable ? 'error' : 'FATAL'} ${event.code}: ${event.message}`;
    case 'session.closed':
      return `session closed (${event.reason})`;
    case 'server.unknown':
      return `unknown server event ${event.eventType} (passed through)`;
    case 'input.ended':
      return `input ended after ${formatSeconds(event.sentMs)} of audio`;
    case 'turn.started':
      return `user speaking (at ${formatSeconds(event.audioStartMs)} of input)`;
    case 'turn.ended':
      return `user stopped (at ${formatSeconds(event.audioEndMs)} of input)`;
    case 'turn.interrupted':
      return `barge-in: ${event.cancelSent ? 'response cancelled' : 'playback stopped'}${event.truncations
        .map((t) => `, truncated ${t.itemId} at ${t.audioEndMs} ms`)
        .join('')}`;
    case 'transcript.user':
      return event.final ? `user: "${event.text}"` : undefined;
    case 'transcript.assistant':
      return event.final ? `assistant: "${event.text}"` : undefined;
    case 'response.started':
      return `response ${event.responseId} started`;
    case 'response.audio.first':
      return `first audio ${event.sinceSpeechStoppedMs === undefined ? '' : `${Math.round(event.sinceSpeechStoppedMs)} ms after speech stopped, `}${Math.round(event.sinceResponseStartedMs)} ms after response start`;
    case 'response.done': {
      const reason = (event.statusDetails as { reason?: unknown } | undefined)?.reason;
      return `response ${event.responseId} ${event.status}${typeof reason === 'string' ? ` (${reason})` : ''}`;
    }
    case 'playback.finished':
      return `played ${formatSeconds(event.playedMs)} of ${event.itemId}`;
    case 'playback.interrupted':
      return `playback of ${event.itemId} stopped at ${formatSeconds(event.playedMs)} of ${formatSeconds(event.receivedMs)} received (flushed in ${Math.round(event.flushLatencyMs)} ms)`;
    case 'tool.call':
      return `tool call ${event.name}(${JSON.stringify(event.arguments) ?? 'invalid JSON'})`;
    case 'tool.result':
      return `tool ${event.name} ${event.ok ? 'returned' : event.timedOut ? 'timed out' : 'failed'} in ${Math.round(event.durationMs)} ms: ${truncate(event.ok ? event.output : (event.error ?? event.output), 120)}`;
    case 'tool.dropped':
      return `tool call ${event.name} dropped (${event.reason === 'response-cancelled' ? 'response cancelled' : 'arguments cut off'}): not run`;
    default:
      return undefined;
  }
}

function formatClock(ms: number): string {
  return `+${(Math.max(0, ms) / 1000).toFixed(3).padStart(7, ' ')}s`;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
