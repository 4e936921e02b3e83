// StringBundle files ({ ns, en, ru } in a feature's strings.ts) not yet converted to locale JSON files. Convert one with
// `node tools/strings-to-json.mjs <file> --delete` and drop its line here; until then its en/ru texts load from here.
import type { StringBundle } from './types';

export const bundles: StringBundle[] = [];
