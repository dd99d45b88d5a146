import type { Rng } from '../rng.js';
import type { FunctionTool, ResponsePlan } from './responder.js';

function words(name: string): string[] {
  return name
    .split(/[_\-\s]+|(?=[A-Z])/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 4 && w !== 'get' && w !== 'set');
}

/** A value for one JSON-schema property: enum → a seeded pick, strings → a proper noun of the user text. */
function sampleValue(schema: Record<string, unknown>, userText: string, rng: Rng): unknown {
  const choices = schema['enum'];
  if (Array.isArray(choices) && choices.length > 0) return choices[rng.int(choices.length)];
  switch (schema['type']) {
    case 'number':
    case 'integer':
      return 1 + rng.int(10);
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default: {
      // "What is the weather in Oslo?" → "Oslo": the last capitalised word after the first one.
      const proper = userText
        .split(/\s+/)
        .slice(1)
        .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ''))
        .filter((w) => /^\p{Lu}/u.test(w));
      return proper.at(-1) ?? 'example';
    }
  }
}

/** JSON arguments for `tool` filled from its parameter schema (required properties, else all). */
export function sampleArguments(tool: FunctionTool, userText: string, rng: Rng): string {
  const parameters = (tool.parameters ?? {}) as Record<string, unknown>;
  const properties = (parameters['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const required = Array.isArray(parameters['required'])
    ? (parameters['required'] as string[])
    : Object.keys(properties);
  const args: Record<string, unknown> = {};
  for (const name of required) args[name] = sampleValue(properties[name] ?? {}, userText, rng);
  return JSON.stringify(args);
}

/**
 * Whether to call a tool for a user turn: a named `tool_choice` or `required` always calls;
 * `auto` calls a tool whose name shares a word with what the user said ("weather" → get_weather).
 */
export function chooseToolCall(
  tools: readonly FunctionTool[],
  toolChoice: unknown,
  context: { readonly userText: string | undefined; readonly rng: Rng },
): ResponsePlan | undefined {
  if (tools.length === 0 || toolChoice === 'none') return undefined;
  const userText = context.userText ?? '';
  let tool: FunctionTool | undefined;
  if (typeof toolChoice === 'object' && toolChoice !== null) {
    const name = (toolChoice as Record<string, unknown>)['name'];
    tool = tools.find((t) => t.name === name);
  } else {
    const said = userText.toLowerCase();
    tool = tools.find((t) => words(t.name).some((w) => said.includes(w)));
    if (tool === undefined && toolChoice === 'required') tool = tools[0];
  }
  if (tool === undefined) return undefined;
  return { kind: 'call', name: tool.name, arguments: sampleArguments(tool, userText, context.rng) };
}
