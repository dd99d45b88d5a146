import type { AudioFormat } from '@voxd/audio';

/** `g711_ulaw/8000Hz`, for messages. */
export function describeFormatName(format: AudioFormat): string {
  return `${format.encoding}/${format.sampleRate}Hz`;
}
