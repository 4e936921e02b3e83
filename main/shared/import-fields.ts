// The columns an import can fill, shared by the core (which maps and checks them) and the import dialogs (which
// offer them in the mapping selects): the catalog CSV's fields and limits, and the contact import's fields.

/** Catalog CSV columns, in export order. */
export const CSV_FIELDS = [
  'sku',
  'name',
  'category',
  'price',
  'unit',
  'stock',
  'available',
  'synonyms',
  'options',
  'description',
  'archived',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export type CsvMapping = (CsvField | null)[];

export const MAX_IMPORT_ROWS = 5000;
/** The largest catalog CSV the import reads (the dialog refuses a bigger file before sending it). */
export const MAX_IMPORT_CHARS = 1_500_000;

/** Contact import: the Lavka field each CSV column may feed ('ignore' leaves the column out). */
export const IMPORT_FIELDS = [
  'ignore',
  'name',
  'firstName',
  'middleName',
  'lastName',
  'phone',
  'email',
  'telegram',
  'tags',
  'notes',
  'language',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
