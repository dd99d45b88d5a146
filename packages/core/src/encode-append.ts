import { encodeBase64 } from '@voxd/audio';
import type { ClientEventOf } from '@voxd/protocol';

/** The `input_audio_buffer.append` carrying `chunk`. */
export function encodeAppend(chunk: Uint8Array): ClientEventOf<'input_audio_buffer.append'> {
  return { type: 'input_audio_buffer.append', audio: encodeBase64(chunk) };
}
