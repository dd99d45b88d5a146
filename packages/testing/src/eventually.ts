/**
 * Resolves once `check` returns true, polling every few ms; rejects with `what` after `timeoutMs`.
 * For conditions that settle asynchronously (a socket closing, a session ending), without
 * asserting on timing: the default bound is generous, so only a hang trips it.
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
