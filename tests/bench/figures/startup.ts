// Figure 7: headless start-up on the big database — spawn the real `serve` (node out/main/serve.js) and time until
// the first inbox.list call answers. Includes Node boot, module load, migration check and every domain's start().
import { startServe, type ServeProcess } from '../../helpers/serve-process';
import { figure, percentile, type Figure } from '../report';

export async function timeStartup(dataDir: string): Promise<{ ms: number; serve: ServeProcess }> {
  const t = performance.now();
  const serve = await startServe({ dataDir });
  const r = await serve.api('inbox.list', { limit: 50 });
  const ms = performance.now() - t;
  if (!r.ok) {
    await serve.kill();
    throw new Error(`first inbox.list failed: ${r.error?.code} ${r.error?.message}`);
  }
  return { ms, serve };
}

/**
 * Starts `runs` times (stopping cleanly in between) and leaves the last server running for the UI figures. One untimed
 * start first: it pays one-off work (the OS reading a cold file) so the figure is an ordinary day's start.
 */
export async function startupFigures(dataDir: string, runs: number): Promise<{ figures: Figure[]; serve: ServeProcess }> {
  const times: number[] = [];
  let serve: ServeProcess | null = (await timeStartup(dataDir)).serve;
  for (let i = 0; i < runs; i++) {
    if (serve) {
      const code = await serve.stop();
      if (code !== 0) throw new Error(`serve exited with ${code} on stop:\n${serve.output()}`);
    }
    const r = await timeStartup(dataDir);
    times.push(r.ms);
    serve = r.serve;
  }
  return {
    figures: [
      figure(
        'start-up: serve → first inbox page',
        percentile(times, 50),
        'ms',
        { max: 1500 },
        `median of ${runs}; runs: ${times.map((x) => Math.round(x)).join(', ')} ms`,
      ),
    ],
    serve: serve,
  };
}
