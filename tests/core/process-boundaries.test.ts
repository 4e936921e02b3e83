// The process lines from STYLE.md, checked on every file: core never imports Electron; the renderer imports
// no Node, Electron or core runtime code (types only; main/shared is the pure layer both use); only the desktop shell
// (main/index.ts, main/shell/**) and preload/ import Electron — the core host process (main/host/**) runs under plain Node too.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({
    typeOnly: Boolean(m[2]),
    spec: m[3],
  }));

describe('process boundaries', () => {
  it('main/core never imports electron', () => {
    const offenders = files(join(ROOT, 'main/core')).filter((f) => importsOf(f).some((i) => i.spec === 'electron'));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('only the shell and the preload import electron', () => {
    const all = [...files(join(ROOT, 'main')), ...files(join(ROOT, 'renderer/src'))];
    const isShell = (f: string) =>
      relative(ROOT, f) === join('main', 'index.ts') || relative(ROOT, f).startsWith(join('main', 'shell') + '/');
    const offenders = all.filter(
      (f) => importsOf(f).some((i) => i.spec === 'electron' || i.spec.startsWith('electron-log')) && !isShell(f),
    );
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('the core host process and the core never import the shell or Electron (they run under plain Node)', () => {
    const offenders = [...files(join(ROOT, 'main/host')), ...files(join(ROOT, 'main/core'))].flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.typeOnly && (i.spec === 'electron' || i.spec.startsWith('electron-') || /(^|\/)shell\//.test(i.spec)))
        .map((i) => `${relative(ROOT, f)} → ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the preload’s port client runs without Electron (tested under Node)', () => {
    expect(importsOf(join(ROOT, 'preload/port-client.ts')).filter((i) => i.spec === 'electron')).toEqual([]);
  });

  it('the renderer imports no Node modules and only types from main/', () => {
    const offenders = files(join(ROOT, 'renderer/src')).flatMap((f) =>
      importsOf(f)
        .filter(
          (i) =>
            i.spec.startsWith('node:') ||
            ['better-sqlite3', 'ws', 'electron'].includes(i.spec) ||
            (i.spec.includes('/main/') && !i.spec.includes('/main/shared/') && !i.typeOnly),
        )
        .map((i) => `${relative(ROOT, f)} → ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('main/shared is pure: no Node, Electron, database, core or renderer imports', () => {
    const offenders = files(join(ROOT, 'main/shared')).flatMap((f) =>
      importsOf(f)
        .filter(
          (i) =>
            i.spec.startsWith('node:') ||
            ['better-sqlite3', 'ws', 'electron', 'react'].includes(i.spec) ||
            /\/(core|renderer)\//.test(`/${i.spec}/`),
        )
        .map((i) => `${relative(ROOT, f)} → ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no test double lives in production code', () => {
    const offenders = [...files(join(ROOT, 'main')), ...files(join(ROOT, 'renderer/src'))].filter((f) =>
      /fake|double|mock/i.test(relative(ROOT, f)),
    );
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
