// Waits for something the core does in the background (a channel connecting, a message filed), polling every 5 ms;
// fails with what it waited for. Not a sleep: it returns as soon as the check holds. The 8 s bound only limits a failure.

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
