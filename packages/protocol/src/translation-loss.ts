/**
 * One thing a translation between the dialects could not carry, named precisely: the JSON path in
 * the source event (`session.temperature`, `response.tools[1]`, `type`), the value that was left
 * out or passed unchanged, and why.
 */
export interface TranslationLoss {
  readonly path: string;
  readonly value: unknown;
  readonly reason: string;
  /**
   * `dropped`: left out of the translated event. `passed`: sent on unchanged although the target
   * dialect does not define it (an event or item of one dialect only); the peer may ignore it.
   */
  readonly effect: 'dropped' | 'passed';
}

/**
 * The outcome of translating one event: the events to send instead (none, one, or two when the
 * target dialect announces the same fact in two events), and everything that did not translate.
 */
export interface Translated<TEvent> {
  readonly events: readonly TEvent[];
  readonly losses: readonly TranslationLoss[];
}

/** A wire event of either dialect, as JSON: what the translators read and write. */
export type WireEvent = { readonly type: string } & Readonly<Record<string, unknown>>;

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects the losses of one translation. */
export class LossLog {
  readonly losses: TranslationLoss[] = [];

  /** `path` was left out of the translation. */
  lose(path: string, value: unknown, reason: string): void {
    this.losses.push({ path, value, reason, effect: 'dropped' });
  }

  /** `path` went on unchanged although the target dialect does not define it. */
  pass(path: string, value: unknown, reason: string): void {
    this.losses.push({ path, value, reason, effect: 'passed' });
  }
}
