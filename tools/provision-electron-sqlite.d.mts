// Types for tests of the postinstall plan (the script itself is plain JavaScript so it runs before any build).
export const ELECTRON_BUILDS_DIR: string;
export const ELECTRON_HEADERS_URL: string;
export function electronBuildPath(bsq: string, electron: string, platform: string, arch: string): string;
export interface PlanInput {
  env: Record<string, string | undefined>;
  args: string[];
  nodeModules: string;
  platform: string;
  arch: string;
  electronVersion: string | null;
  betterSqlite3Version: string | null;
  exists: (path: string) => boolean;
}
export type Plan =
  | { action: 'skip'; reason: string }
  | {
      action: 'provision';
      electronVersion: string;
      betterSqlite3Version: string;
      target: string;
      prebuildArgs: string[];
      gypArgs: string[];
    };
export function planProvision(input: PlanInput): Plan;
