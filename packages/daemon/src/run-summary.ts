import type { SessionEvent } from '@voxd/core';

/** The closing lines of `voxd run`: turns, latencies, interruptions, errors and the recording. */
export function summarizeRun(
  events: readonly SessionEvent[],
  recordingPath: string | undefined,
): string {
  const turnLatenciesMs: number[] = [];
  const firstAudioMs: number[] = [];
  let turns = 0;
  let interruptions = 0;
  let errors = 0;
  let playedMs = 0;
  for (const event of events) {
    if (event.type === 'turn.ended') turns += 1;
    if (event.type === 'turn.interrupted') interruptions += 1;
    if (event.type === 'session.error') errors += 1;
    if (event.type === 'playback.finished' || event.type === 'playback.interrupted')
      playedMs += event.playedMs;
    if (event.type === 'response.audio.first') {
      firstAudioMs.push(event.sinceResponseStartedMs);
      if (event.sinceSpeechStoppedMs !== undefined)
        turnLatenciesMs.push(event.sinceSpeechStoppedMs);
    }
  }
  const lines = [
    '',
    `turns: ${turns}, responses with audio: ${firstAudioMs.length}, interruptions: ${interruptions}, errors: ${errors}`,
    `turn latency (speech stopped → first audio): ${describeMs(turnLatenciesMs)}`,
    `first audio after response start: ${describeMs(firstAudioMs)}`,
    `assistant audio played: ${(playedMs / 1000).toFixed(2)} s`,
  ];
  if (recordingPath !== undefined) lines.push(`recording: ${recordingPath}`);
  return `${lines.join('\n')}\n`;
}

function describeMs(values: readonly number[]): string {
  if (values.length === 0) return 'n/a';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return `mean ${Math.round(mean)} ms, p50 ${Math.round(at(0.5))} ms, max ${Math.round(at(1))} ms (n=${sorted.length})`;
}
