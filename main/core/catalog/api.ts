// catalog.* API methods: list/search, add, edit, archive, CSV import (preview + commit) and export.
import { z } from 'zod';
import type { CatalogService } from './service';
import { method, noInput } from '../api/define';
import {
  CatalogCategoriesOutput,
  CatalogExportCsvOutput,
  CatalogImportCommitOutput,
  CatalogListOutput,
  ImportPreviewSchema,
  ProductSchema,
} from './outputs';
import { CSV_FIELDS, MAX_IMPORT_CHARS } from './csv';
import { productInputSchema } from './types';

const id = z.number().int().positive();
const csvInput = z.object({
  text: z.string().max(MAX_IMPORT_CHARS, 'The file is larger than 1.5 MB; split it into smaller files'),
  mapping: z.array(z.enum(CSV_FIELDS).nullable()).max(200).optional(),
});

/** The services these methods call, and nothing else. */
export interface CatalogApiDeps {
  catalog: CatalogService;
}

export function catalogApi(s: CatalogApiDeps) {
  return {
    'catalog.list': method(
      z.object({
        query: z.string().max(200).optional(),
        includeArchived: z.boolean().optional(),
        category: z.string().max(80).optional(),
        limit: z.number().int().min(1).max(2000).default(500),
      }),
      CatalogListOutput,
      (i) => s.catalog.list({ query: i.query, includeArchived: i.includeArchived, category: i.category }, i.limit),
      'Products, searched by name, synonyms, description or SKU.',
    ),
    'catalog.get': method(z.object({ productId: id }), ProductSchema, (i) => s.catalog.get(i.productId), 'One product.'),
    'catalog.categories': method(noInput, CatalogCategoriesOutput, () => s.catalog.categories(), 'Categories in use.'),
    'catalog.create': method(
      productInputSchema,
      ProductSchema,
      (i) => s.catalog.create(i),
      'Adds a product (a SKU is generated when empty).',
    ),
    'catalog.update': method(
      z.object({ productId: id, product: productInputSchema }),
      ProductSchema,
      (i) => s.catalog.update(i.productId, i.product),
      'Replaces a product’s details.',
    ),
    'catalog.archive': method(
      z.object({ productId: id, archived: z.boolean() }),
      ProductSchema,
      (i) => s.catalog.setArchived(i.productId, i.archived),
      'Hides a product from the catalog and from chat orders (or brings it back).',
    ),
    'catalog.importPreview': method(
      csvInput,
      ImportPreviewSchema,
      (i) => s.catalog.previewImport(i.text, i.mapping),
      'Reads a CSV file and reports what would change.',
    ),
    'catalog.importCommit': method(
      csvInput,
      CatalogImportCommitOutput,
      (i) => s.catalog.commitImport(i.text, i.mapping),
      'Imports a CSV file: all rows or none.',
    ),
    'catalog.exportCsv': method(
      noInput,
      CatalogExportCsvOutput,
      () => ({ csv: s.catalog.exportCsv(), fileName: 'catalog.csv' }),
      'The whole catalog as CSV.',
    ),
  };
}
