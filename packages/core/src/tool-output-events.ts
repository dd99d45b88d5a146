import type { ClientEvent, ResponseStatus } from '@voxd/protocol';

/** The text a call's output sends to the model. */
export interface ToolOutput {
  readonly callId: string;
  readonly output: string;
}

/**
 * The answer to the calls of one response (reference §6.4): one `function_call_output` item per
 * call, in call order, then one `response.create` so the model goes on with the results. No
 * `response.create` after a response that failed (it broke; the model should not go on by itself)
 * or was cancelled (the user spoke over it), and none when there is nothing to answer.
 */
export function toolOutputEvents(
  outputs: readonly ToolOutput[],
  responseStatus: ResponseStatus,
): ClientEvent[] {
  const events: ClientEvent[] = outputs.map(({ callId, output }) => ({
    type: 'conversation.item.create',
    item: { type: 'function_call_output', call_id: callId, output },
  }));
  const goOn = responseStatus === 'completed' || responseStatus === 'incomplete';
  if (outputs.length > 0 && goOn) events.push({ type: 'response.create' });
  return events;
}
