import type { Responder } from './responder.js';
import { replyTo } from './tts-responder.js';
import { resampleClip } from './resample-clip.js';

/**
 * Plays the user's own committed audio back, resampled to the output rate. Turns without user
 * audio (text input, function output) get the `tts` responder's reply.
 */
export function createEchoResponder(): Responder {
  return {
    kind: 'echo',
    async respond(turn) {
      if (turn.userAudio === undefined) return replyTo(turn);
      const { samples, sampleRate } = turn.userAudio;
      const seconds = (samples.length / sampleRate).toFixed(1);
      return {
        kind: 'say',
        text: turn.userTranscript ?? `Echo of ${seconds} seconds of your audio.`,
        audio: await resampleClip(samples, sampleRate, turn.outputSampleRate),
      };
    },
  };
}
