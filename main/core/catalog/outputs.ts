// What the catalog API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { CSV_FIELDS } from './csv';

export const ProductSchema = z.strictObject({
  id: z.number(),
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  priceMinor: z.number(),
  unit: z.string(),
  stock: z.number().nullable(),
  available: z.boolean(),
  options: z.array(
    z.strictObject({ name: z.string(), values: z.array(z.strictObject({ value: z.string(), priceDeltaMinor: z.number() })) }),
  ),
  synonyms: z.array(z.string()),
  photo: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const CsvMappingSchema = z.array(z.enum(CSV_FIELDS).nullable());

export const RowErrorCodeSchema = z.enum([
  'column_twice',
  'column_missing',
  'cell_count',
  'bad_price',
  'bad_stock',
  'bad_yes_no',
  'bad_options',
  'name_empty',
  'sku_repeated',
  'name_repeated',
  'invalid',
]);

export const RowErrorSchema = z.strictObject({
  row: z.number(),
  column: z.string().optional(),
  message: z.string(),
  code: RowErrorCodeSchema,
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const PreviewRowSchema = z.strictObject({
  row: z.number(),
  action: z.enum(['new', 'update']),
  sku: z.string(),
  name: z.string(),
  priceMinor: z.number(),
  priceText: z.string(),
  unit: z.string(),
  stock: z.number().nullable(),
  available: z.boolean(),
  category: z.string(),
  synonyms: z.array(z.string()),
  options: z.string(),
});

export const ImportPreviewSchema = z.strictObject({
  delimiter: z.string(),
  columns: z.array(z.string()),
  mapping: CsvMappingSchema,
  totalRows: z.number(),
  newCount: z.number(),
  updateCount: z.number(),
  errors: z.array(RowErrorSchema),
  rows: z.array(PreviewRowSchema),
});

export const ChosenOptionSchema = z.strictObject({ group: z.string(), value: z.string(), priceDeltaMinor: z.number() });

export const CatalogListOutput = z.array(ProductSchema);

export const CatalogCategoriesOutput = z.array(z.string());

export const CatalogImportCommitOutput = z.strictObject({ created: z.number(), updated: z.number() });

export const CatalogExportCsvOutput = z.strictObject({ csv: z.string(), fileName: z.string() });
