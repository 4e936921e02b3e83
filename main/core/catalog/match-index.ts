// An in-memory index of the active catalog's names and synonyms, so a customer's words are compared with the few
// products that share a word with them instead of every product on every message. Its scores equal productScore.
import { isNumber, normalize, TOKEN_MIN, tokens, tokenSim, transliterate } from './match';
import type { OptionGroup } from './types';

/** What matching needs of a product; prices and stock are read fresh from the database, never from here. */
export interface MatchRow {
  id: number;
  sku: string;
  name: string;
  synonyms: string[];
  category: string;
  options: OptionGroup[];
}

export interface ScoredId {
  id: number;
  score: number;
}

interface Entry {
  row: MatchRow;
  /** Each of the product's names (the name, then its synonyms) as its words and as vocabulary ids. */
  names: { words: string[]; ids: number[] }[];
}

/** The customer's words with, for each distinct word, the catalog words it is similar to (vocabulary id → 0.75..1). */
interface PreparedQuery {
  words: string[];
  /** Index into `distinct` for each position of `words`. */
  at: number[];
  distinct: string[];
  sims: Map<number, number>[];
  /** The same, turned around: vocabulary id → the distinct query words similar to it. */
  hits: Map<number, { d: number; sim: number }[]>;
}

const NONE: never[] = [];

/** Keeps the memo of word look-ups bounded: customers reuse words, but a long-running app sees many. */
const MEMO_LIMIT = 20_000;

export class MatchIndex {
  readonly size: number;
  /** Category names in the order their first product was added. */
  readonly categories: readonly string[];
  /** Work done, for tests that check it stays proportional to the question rather than to the catalog. */
  readonly stats = { lookups: 0, productsScored: 0 };

  private readonly entries: Entry[];
  private readonly rowList: readonly MatchRow[];
  private readonly positions: Map<number, number>;
  private readonly vocab: string[] = [];
  private readonly vocabIds = new Map<string, number>();
  /** Entries (positions, ascending) that use each vocabulary word. */
  private readonly users: number[][] = [];
  private readonly bySku = new Map<string, number[]>();
  // Candidate finders over each word's "forms" (the word and its Latin transliteration): exact form, shared
  // first letters (for stemSim), and shared letter pairs (for editSim), each a superset of what tokenSim accepts.
  private readonly formWord: number[] = [];
  private readonly formLength: number[] = [];
  private readonly exact = new Map<string, number[]>();
  private readonly prefix3 = new Map<string, number[]>();
  private readonly prefix2Of3 = new Map<string, number[]>();
  private readonly bigrams = new Map<string, { form: number; count: number }[]>();
  private readonly memo = new Map<string, Map<number, number>>();
  private shared: Int32Array | null = null;

  constructor(rows: readonly MatchRow[]) {
    this.entries = rows.map((row, pos) => ({
      row,
      names: [row.name, ...row.synonyms].map((n) => {
        const words = tokens(n);
        return { words, ids: words.map((w) => this.wordId(w, pos)) };
      }),
    }));
    rows.forEach((r, pos) => push(this.bySku, normalize(r.sku), pos));
    this.rowList = [...rows];
    this.positions = new Map(rows.map((r, pos) => [r.id, pos]));
    this.size = rows.length;
    this.categories = [...new Set(rows.map((r) => r.category).filter(Boolean))];
  }

  /** Every product in id order (the order the catalog was built in). */
  rows(): readonly MatchRow[] {
    return this.rowList;
  }

  row(id: number): MatchRow | undefined {
    const pos = this.positions.get(id);
    return pos === undefined ? undefined : this.rowList[pos];
  }

  /**
   * Products whose score for `query` is at least `min` (> 0), best first, ties by id: the same list as
   * scoring every product with productScore, without scoring those that share no word with the query.
   */
  search(query: string, min: number): ScoredId[] {
    const q = this.prepare(query);
    const skuHits = this.bySku.get(normalize(query)) ?? NONE;
    const bestForWord = new Float64Array(q.distinct.length);
    const out: ScoredId[] = [];
    for (const pos of this.candidates(q, normalize(query))) {
      const score = skuHits.includes(pos) ? 1 : this.score(q, this.entries[pos], bestForWord);
      if (score >= min && score > 0) out.push({ id: this.entries[pos].row.id, score });
    }
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** Ids of the products `query` could match at all (score above 0), in id order. */
  candidateIds(query: string): number[] {
    return this.candidates(this.prepare(query), normalize(query)).map((pos) => this.entries[pos].row.id);
  }

  /** Same answer as mentionsCatalog(text, products) over this catalog. */
  mentions(text: string): boolean {
    const words = tokens(text).filter((t) => t.length >= 3 && !isNumber(t));
    return words.some((w) => [...this.similar(w).keys()].some((id) => this.vocab[id].length >= 3 && !isNumber(this.vocab[id])));
  }

  private wordId(word: string, pos: number): number {
    let id = this.vocabIds.get(word);
    if (id === undefined) {
      id = this.vocab.length;
      this.vocab.push(word);
      this.vocabIds.set(word, id);
      this.users.push([]);
      this.addForms(word, id);
    }
    const users = this.users[id];
    if (users[users.length - 1] !== pos) users.push(pos);
    return id;
  }

  private addForms(word: string, id: number): void {
    // Numbers only ever match themselves.
    if (isNumber(word)) {
      push(this.exact, word, id);
      return;
    }
    for (const form of new Set([word, transliterate(word)])) {
      const f = this.formWord.length;
      this.formWord.push(id);
      this.formLength.push(form.length);
      push(this.exact, form, id);
      if (form.length < 3) continue;
      push(this.prefix3, form.slice(0, 3), id);
      if (form.length === 3) push(this.prefix2Of3, form.slice(0, 2), id);
      for (const [gram, count] of bigramCounts(form)) {
        let list = this.bigrams.get(gram);
        if (!list) this.bigrams.set(gram, (list = []));
        list.push({ form: f, count });
      }
    }
  }

  /** Vocabulary words tokenSim finds similar to `word` (≥ TOKEN_MIN), with their similarity. */
  private similar(word: string): Map<number, number> {
    const known = this.memo.get(word);
    if (known) return known;
    this.stats.lookups++;
    const candidates = new Set<number>();
    const add = (ids: number[] | undefined) => ids?.forEach((id) => candidates.add(id));
    const forms = new Set([word, transliterate(word)]);
    for (const form of forms) {
      add(this.exact.get(form));
      if (isNumber(word) || form.length < 3) continue;
      // stemSim: two words share their first 3 letters, or are both 3 letters long and share the first 2.
      add(this.prefix3.get(form.slice(0, 3)));
      if (form.length === 3) add(this.prefix2Of3.get(form.slice(0, 2)));
      this.editCandidates(form, candidates);
    }
    const found = new Map<number, number>();
    for (const id of candidates) {
      const s = tokenSim(word, this.vocab[id]);
      if (s >= TOKEN_MIN) found.set(id, s);
    }
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(word, found);
    return found;
  }

  /**
   * editSim: at most 2 edits between words of 5+ letters. Each edit breaks at most 2 letter pairs of the padded
   * word, so such words share at least max(length) + 1 − 4 pairs (the q-gram lemma) and differ in length by ≤ 2.
   */
  private editCandidates(form: string, into: Set<number>): void {
    if (!this.shared || this.shared.length < this.formWord.length) this.shared = new Int32Array(this.formWord.length);
    const shared = this.shared;
    const touched: number[] = [];
    for (const [gram, count] of bigramCounts(form)) {
      for (const p of this.bigrams.get(gram) ?? []) {
        if (Math.abs(this.formLength[p.form] - form.length) > 2) continue;
        if (shared[p.form] === 0) touched.push(p.form);
        shared[p.form] += Math.min(count, p.count);
      }
    }
    for (const f of touched) {
      const longest = Math.max(form.length, this.formLength[f]);
      if (longest >= 5 && shared[f] >= longest - 3) into.add(this.formWord[f]);
      shared[f] = 0;
    }
  }

  private prepare(query: string): PreparedQuery {
    const words = tokens(query);
    const distinct = [...new Set(words)];
    const index = new Map(distinct.map((w, i) => [w, i]));
    const sims = distinct.map((w) => this.similar(w));
    const hits = new Map<number, { d: number; sim: number }[]>();
    sims.forEach((m, d) => m.forEach((sim, id) => push(hits, id, { d, sim })));
    return { words, at: words.map((w) => index.get(w)!), distinct, sims, hits };
  }

  /** Entries sharing a similar word with the query, or whose SKU is the query; ascending positions (= id order). */
  private candidates(q: PreparedQuery, normalizedQuery: string): number[] {
    const hit = new Set<number>(this.bySku.get(normalizedQuery));
    for (const sims of q.sims) for (const id of sims.keys()) for (const pos of this.users[id]) hit.add(pos);
    return [...hit].sort((a, b) => a - b);
  }

  /**
   * productScore without the SKU rule, from the precomputed word similarities. Sums run in the same order as
   * nameScore's, so the numbers are identical to the last bit (ties and thresholds decide as before).
   */
  private score(q: PreparedQuery, e: Entry, bestForWord: Float64Array): number {
    this.stats.productsScored++;
    let best = 0;
    for (const name of e.names) {
      let s: number;
      if (!q.words.length || !name.words.length) s = 0;
      else if (q.words.length === name.words.length && q.words.every((w, i) => w === name.words[i])) s = 1;
      else {
        // coverage: each name word's best match among the query's words; precision: each query word's best in the name.
        let coverage = 0;
        bestForWord.fill(0);
        for (const id of name.ids) {
          let c = 0;
          for (const { d, sim } of q.hits.get(id) ?? NONE) {
            if (sim > c) c = sim;
            if (sim > bestForWord[d]) bestForWord[d] = sim;
          }
          coverage += c;
        }
        coverage /= name.ids.length;
        let precision = 0;
        for (const d of q.at) precision += bestForWord[d];
        precision /= q.words.length;
        s = coverage === 0 ? 0 : 0.7 * coverage + 0.3 * precision;
      }
      if (s > best) best = s;
      if (best === 1) break;
    }
    return best;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Letter pairs of the word padded with ^ and $ (never letters or digits, so never part of a word), with counts. */
function bigramCounts(form: string): Map<string, number> {
  const padded = `^${form}$`;
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < padded.length; i++) {
    const g = padded.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}
