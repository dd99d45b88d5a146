/** Test audio: silence and speech-like bursts (a voiced buzz with formant-ish harmonics). */
export function silence(ms: number, sampleRate: number): Int16Array {
  return new Int16Array(Math.round((ms * sampleRate) / 1000));
}

export function speechBurst(ms: number, sampleRate: number): Int16Array {
  const out = new Int16Array(Math.round((ms * sampleRate) / 1000));
  for (let i = 0; i < out.length; i++) {
    const t = i / sampleRate;
    const envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
    const voiced =
      Math.sin(2 * Math.PI * 140 * t) +
      0.5 * Math.sin(2 * Math.PI * 700 * t) +
      0.3 * Math.sin(2 * Math.PI * 1200 * t);
    out[i] = Math.round(6000 * envelope * voiced);
  }
  return out;
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function pcm16Base64(samples: Int16Array): string {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString('base64');
}

/** Splits into `chunkMs` appends, base64 PCM16. */
export function appends(samples: Int16Array, sampleRate: number, chunkMs = 100): string[] {
  const per = Math.round((chunkMs * sampleRate) / 1000);
  const out: string[] = [];
  for (let i = 0; i < samples.length; i += per) out.push(pcm16Base64(samples.subarray(i, i + per)));
  return out;
}
