import type { Responder, ResponsePlan } from './responder.js';
import type { ScriptTurn } from './load-script.js';

/**
 * Plays a script: each response takes the next turn; after the last turn the script starts over.
 * Each session gets its own cursor.
 */
export function createScriptResponder(turns: readonly ScriptTurn[]): Responder {
  let cursor = 0;
  return {
    kind: 'script',
    nextUserTranscript: () => turns[cursor % turns.length]?.transcript,
    respond() {
      const turn = turns[cursor % turns.length];
      cursor++;
      let plan: ResponsePlan;
      if (turn === undefined) plan = { kind: 'say', text: '' };
      else if ('say' in turn) plan = { kind: 'say', text: turn.say };
      else if ('call' in turn)
        plan = { kind: 'call', name: turn.call.name, arguments: turn.call.arguments };
      else plan = { kind: 'error', code: turn.error.code, message: turn.error.message };
      return Promise.resolve(plan);
    },
  };
}
