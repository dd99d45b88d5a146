import { DEFAULT_ESPEAK_VOICE } from './espeak-engine.js';

// OpenAI voice names (protocol §4.4) get distinct espeak variants, so two voices sound different.
const OPENAI_VOICES: Readonly<Record<string, string>> = {
  alloy: '',
  ash: '+m3',
  ballad: '+m5',
  coral: '+f2',
  echo: '+m2',
  sage: '+f4',
  shimmer: '+f3',
  verse: '+m4',
  marin: '+f1',
  cedar: '+m1',
};

/**
 * Maps a session voice to an espeak voice. Never throws: any Voice Live voice must speak.
 *
 * - an espeak voice (`de`, `en-gb`), optionally with a variant (`en-us+f3`): used as is;
 * - an OpenAI voice name (`alloy`, `shimmer`, …): American English with a fixed variant;
 * - an Azure voice name (`de-DE-KatjaNeural`): its locale, else its language, else the default;
 * - anything else: American English.
 */
export function resolveEspeakVoice(
  voice: string | undefined,
  hasVoice: (name: string) => boolean,
): string {
  if (voice === undefined) return DEFAULT_ESPEAK_VOICE;
  const lower = voice.toLowerCase();
  const variant = OPENAI_VOICES[lower];
  if (variant !== undefined) return `${DEFAULT_ESPEAK_VOICE}${variant}`;
  if (/^[a-z]{2,3}(-[a-z0-9]{2,8})*(\+[a-z0-9]{1,12})?$/.test(lower) && hasVoice(lower))
    return lower;
  const locale = /^([a-z]{2,3})-([a-z]{2})-/.exec(lower);
  if (locale) {
    const [, language = '', region = ''] = locale;
    if (hasVoice(`${language}-${region}`)) return `${language}-${region}`;
    if (hasVoice(language)) return language;
  }
  return DEFAULT_ESPEAK_VOICE;
}
