/**
 * Retries an assertion until it passes or the deadline passes, for effects
 * that arrive asynchronously from another process (e.g. a PostgreSQL NOTIFY).
 * The deadline is generous: it bounds a wait, it does not measure speed.
 */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 5_000, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
