import { decodeToSamples, encodeSamples } from '@voxd/audio';

/** Raw mono audio as it travels on the wire for one session direction. */
export interface WireAudioFormat {
  readonly encoding: 'pcm16' | 'g711_ulaw' | 'g711_alaw';
  readonly sampleRate: number;
}

/** Input format of a session: g711 is always 8 kHz; pcm16 runs at `input_audio_sampling_rate`. */
export function inputAudioFormat(format: unknown, samplingRate: unknown): WireAudioFormat {
  if (format === 'g711_ulaw' || format === 'g711_alaw')
    return { encoding: format, sampleRate: 8000 };
  return { encoding: 'pcm16', sampleRate: typeof samplingRate === 'number' ? samplingRate : 24000 };
}

/** Output format: `pcm16` is 24 kHz; `pcm16_16000hz` and friends carry their rate in the name. */
export function outputAudioFormat(format: unknown): WireAudioFormat {
  if (format === 'g711_ulaw' || format === 'g711_alaw')
    return { encoding: format, sampleRate: 8000 };
  const match = typeof format === 'string' ? /^pcm16_(\d+)hz$/.exec(format) : null;
  return { encoding: 'pcm16', sampleRate: match?.[1] === undefined ? 24000 : Number(match[1]) };
}

export function bytesPerSample(format: WireAudioFormat): 1 | 2 {
  return format.encoding === 'pcm16' ? 2 : 1;
}

export function decodeAudio(bytes: Uint8Array, format: WireAudioFormat): Int16Array {
  return decodeToSamples(bytes, format.encoding);
}

export function encodeAudio(samples: Int16Array, format: WireAudioFormat): Uint8Array {
  return encodeSamples(samples, format.encoding);
}

/** Duration of `sampleCount` samples, in ms. */
export function samplesToMs(sampleCount: number, sampleRate: number): number {
  return (sampleCount * 1000) / sampleRate;
}
