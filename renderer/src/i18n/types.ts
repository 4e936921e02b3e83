// A feature's UI strings: English is the source; every other language must have the same keys (a test checks).
export type Strings = { [key: string]: string | Strings };
export interface StringBundle {
  /** Top-level key the feature's strings live under, e.g. "inbox" → t('inbox.title'). */
  ns: string;
  en: Strings;
  ru: Strings;
}
