import type { ItemStatus, ResponseObject } from '@voxd/protocol';

/** A function call the model made in a response, as the server's events described it (§6.4). */
export interface FunctionCall {
  readonly responseId: string;
  readonly itemId: string;
  readonly callId: string;
  readonly name: string;
  /** The model's arguments as JSON text; partial when the item was cut. */
  readonly argumentsJson: string;
  /** The item's status from `response.output_item.done`; `undefined` until (or unless) it came. */
  readonly status: ItemStatus | undefined;
}

/** Why a call was not run: its response was cancelled, or its item did not complete. */
export type DroppedCallReason = 'response-cancelled' | 'item-incomplete';

/** What to do with the calls of a finished response: run some, drop the others. */
export interface FunctionCallVerdict {
  /** In call order. */
  readonly run: readonly FunctionCall[];
  readonly dropped: readonly { readonly call: FunctionCall; readonly reason: DroppedCallReason }[];
}

/**
 * Decides, once `response.done` arrived, which calls of that response to run. A call runs only if
 * its item completed and the response was not cancelled: a barge-in or `response.cancel` closes the
 * open call with `function_call_arguments.done` carrying the arguments streamed so far, then marks
 * the item `incomplete` (`output_item.done`, §5.3) and the response `cancelled` (`response.done`,
 * §6.3). Those two events come after the arguments, so nothing can be decided before
 * `response.done`. The item status in `response.output` is final and wins over `output_item.done`;
 * a server that reports no item status at all is trusted when the whole response completed.
 */
export function decideFunctionCalls(
  calls: readonly FunctionCall[],
  response: ResponseObject,
): FunctionCallVerdict {
  const run: FunctionCall[] = [];
  const dropped: { call: FunctionCall; reason: DroppedCallReason }[] = [];
  for (const call of calls) {
    if (response.status === 'cancelled') {
      dropped.push({ call, reason: 'response-cancelled' });
      continue;
    }
    const final = response.output.find(
      (item) => item.type === 'function_call' && item.call_id === call.callId,
    );
    const status = (final?.type === 'function_call' ? final.status : undefined) ?? call.status;
    const completed =
      status === 'completed' || (status === undefined && response.status === 'completed');
    if (completed) run.push(call);
    else dropped.push({ call, reason: 'item-incomplete' });
  }
  return { run, dropped };
}
