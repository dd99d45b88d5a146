import { chooseToolCall } from './choose-tool-call.js';
import type { Responder, ResponderTurn, ResponsePlan } from './responder.js';
import { callName, itemText, lastNonAssistantItem } from './turn-facts.js';

const GREETINGS = ['Hello! How can I help you today?', 'Hi there. What can I do for you?'];
const REPLIES = ['You said: {text}', 'I heard you say: {text}'];

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** What the `tts` responder says about a turn, in words (the session synthesizes the audio). */
export function replyTo(turn: ResponderTurn): ResponsePlan {
  const last = lastNonAssistantItem(turn.items);
  if (last?.type === 'function_call_output') {
    const name = callName(turn.items, last['call_id']) ?? 'the function';
    const output =
      typeof last['output'] === 'string' && last['output'] !== '' ? last['output'] : 'nothing';
    return { kind: 'say', text: `The result of ${name} is ${sentence(output)}` };
  }
  const userText = turn.userTranscript ?? (last !== undefined ? itemText(last) : undefined);
  if (last?.type === 'message') {
    const call = chooseToolCall(turn.tools, turn.toolChoice, { userText, rng: turn.rng });
    if (call !== undefined) return call;
  }
  if (userText !== undefined) {
    const template = REPLIES[turn.rng.int(REPLIES.length)] ?? 'You said: {text}';
    return { kind: 'say', text: template.replace('{text}', sentence(userText)) };
  }
  if (turn.userAudio !== undefined) {
    const seconds = turn.userAudio.samples.length / turn.userAudio.sampleRate;
    return { kind: 'say', text: `I heard you speak for ${seconds.toFixed(1)} seconds.` };
  }
  return { kind: 'say', text: GREETINGS[turn.rng.int(GREETINGS.length)] ?? 'Hello!' };
}

/** Replies sensibly to each turn; the session speaks the reply with the offline TTS. */
export function createTtsResponder(): Responder {
  return { kind: 'tts', respond: (turn) => Promise.resolve(replyTo(turn)) };
}
