import type { ResponderOption } from '../local-server-options.js';
import { createEchoResponder } from './echo-responder.js';
import { loadScript } from './load-script.js';
import type { Responder } from './responder.js';
import { createScriptResponder } from './script-responder.js';
import { createToneResponder } from './tone-responder.js';
import { createTtsResponder } from './tts-responder.js';

/** Makes a fresh responder per session; a script file is read once, at server start. */
export type ResponderFactory = () => Responder;

export async function createResponderFactory(option: ResponderOption): Promise<ResponderFactory> {
  if (typeof option === 'object') {
    const turns = 'turns' in option ? option.turns : await loadScript(option.path);
    return () => createScriptResponder(turns);
  }
  switch (option) {
    case 'echo':
      return createEchoResponder;
    case 'tone':
      return createToneResponder;
    case 'tts':
      return createTtsResponder;
  }
}
