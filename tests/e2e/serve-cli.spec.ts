// The headless entry as a user meets it on the command line: the printed URL, Ctrl-C, the demo flag, bad flags.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { SERVE_JS, startServe } from '../helpers/serve-process';

test('prints one line with the URL and token, and Ctrl-C closes the database cleanly', async () => {
  const s = await startServe({ demo: true });
  expect(s.output().trim().split('\n')[0]).toMatch(/^Lavka is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{16,}$/);
  const sent = await s.api<{ conversationId: number }>('sandbox.say', { name: 'Ctrl C', text: 'written just before shutdown' });
  expect(sent.ok).toBe(true);
  expect(await s.stop()).toBe(0);
  const wal = join(s.dataDir, 'lavka.sqlite-wal');
  // The journal was folded back into the main file, so copying lavka.sqlite alone is a complete backup.
  expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
  const again = await startServe({ dataDir: s.dataDir, demo: true });
  const found = await again.api<{ hits: unknown[] }>('inbox.search', { query: 'shutdown' });
  expect(found.value!.hits).toHaveLength(1);
  // --demo never touches a folder that already holds a shop.
  const list = await again.api<{ items: { contactName: string }[] }>('inbox.list', { limit: 200 });
  expect(list.value!.items.filter((c) => c.contactName === 'Анна Петрова')).toHaveLength(1);
  await again.stop();
});

test('a bad flag gets a clear message and a non-zero exit', () => {
  const r = spawnSync(process.execPath, [SERVE_JS, '--port', 'abc'], {
    encoding: 'utf8',
    env: { ...process.env, LAVKA_DATA_DIR: '/tmp/lavka-never-used' },
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('Lavka could not start: --port must be 0-65535');
  const u = spawnSync(process.execPath, [SERVE_JS, '--nope'], { encoding: 'utf8' });
  expect(u.status).toBe(1);
  expect(u.stderr).toMatch(/Lavka could not start: Unknown option '--nope'/);
});

test('killed mid-write (SIGKILL during a burst of messages): every acknowledged message survives, the file is intact', async () => {
  const s = await startServe({ demo: true });
  const acked: string[] = [];
  let n = 0;
  const writers = Array.from({ length: 4 }, async () => {
    for (;;) {
      const text = `burst message ${n++}`;
      try {
        const r = await s.api('sandbox.say', { customerKey: 'sb-burst', name: 'Burst', text });
        if (r.ok) acked.push(text);
      } catch {
        return; // the server is gone
      }
    }
  });
  await new Promise((r) => setTimeout(r, 400));
  await s.kill();
  await Promise.all(writers);
  expect(acked.length).toBeGreaterThan(10);

  const again = await startServe({ dataDir: s.dataDir });
  const conv = await again.api<{ id: number }>('inbox.forContact', {
    contactId: (await again.api<{ key: string; contactId: number }[]>('sandbox.customers')).value!.find((c) => c.key === 'sb-burst')!
      .contactId,
  });
  const stored = await again.api<{ body: string }[]>('messages.list', { conversationId: conv.value!.id, limit: 500 });
  const bodies = new Set(stored.value!.map((m) => m.body));
  expect(acked.filter((t) => !bodies.has(t))).toEqual([]);
  await again.stop();
  const check = spawnSync(
    process.execPath,
    [
      '-e',
      `const D=require('better-sqlite3');const d=new D(process.argv[1]);console.log(d.pragma('integrity_check',{simple:true}))`,
      join(s.dataDir, 'lavka.sqlite'),
    ],
    { encoding: 'utf8' },
  );
  expect(check.stdout.trim()).toBe('ok');
});
