import { describe, expect, it } from 'vitest';

import * as audio from '../src/index.js';

describe('@voxd/audio public API', () => {
  it('exports exactly the documented runtime names', () => {
    expect(Object.keys(audio).sort()).toEqual(
      [
        'AudioError',
        'G711_ALAW',
        'G711_ULAW',
        'PCM16_16K',
        'PCM16_24K',
        'WAVE_FORMAT_ALAW',
        'WAVE_FORMAT_EXTENSIBLE',
        'WAVE_FORMAT_MULAW',
        'WAVE_FORMAT_PCM',
        'WavError',
        'alawDecode',
        'alawEncode',
        'byteLengthForMs',
        'bytesPerSample',
        'bytesPerSecond',
        'convertAudio',
        'createFormatConverter',
        'createLinearResampler',
        'createRechunker',
        'createResampler',
        'createWavHeader',
        'decodeBase64',
        'decodeToSamples',
        'durationMs',
        'encodeBase64',
        'encodeSamples',
        'mulawDecode',
        'mulawEncode',
        'parseWavHeader',
        'pcm16ToSamples',
        'resampleLinear',
        'resampleSamples',
        'rmsLevel',
        'sameFormat',
        'samplesToPcm16',
        'silence',
        'tone',
        'wavHeaderLayout',
      ].sort(),
    );
  });

  it('gives errors the VoxdError shape: name, code, not retryable', () => {
    const error = new audio.WavError('E_WAV_CORRUPT', 'x');
    expect(error).toBeInstanceOf(Error);
    expect({ name: error.name, code: error.code, retryable: error.retryable }).toEqual({
      name: 'WavError',
      code: 'E_WAV_CORRUPT',
      retryable: false,
    });
    expect(new audio.AudioError('E_AUDIO_BASE64', 'x').name).toBe('AudioError');
  });
});
