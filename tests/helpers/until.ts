// Waits for something the core does in the background (a channel connecting, a message filed), polling briefly;
// fails with what it waited for. Not a sleep: it returns as soon as the check holds.

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
