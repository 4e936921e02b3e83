// Catalog shapes shared by the service, the API and (as types) the renderer. Prices are integer minor units.
import { z } from 'zod';

export const optionValueSchema = z.object({
  value: z.string().trim().min(1, 'Option value is empty').max(60),
  /** Added to the product price when this value is chosen (may be 0; never below −price, checked by the service). */
  priceDeltaMinor: z.number().int().min(-1_000_000_000).max(1_000_000_000).default(0),
});
export const optionGroupSchema = z.object({
  name: z.string().trim().min(1, 'Option name is empty').max(60),
  values: z.array(optionValueSchema).min(1, 'An option needs at least one value').max(30),
});
export type OptionValue = z.infer<typeof optionValueSchema>;
export type OptionGroup = z.infer<typeof optionGroupSchema>;

/** Largest photo Lavka stores inline (the renderer shrinks pictures before upload). */
export const MAX_PHOTO_CHARS = 400_000;

export const productInputSchema = z.object({
  sku: z
    .string()
    .trim()
    .max(64)
    .regex(/^[\p{L}\p{N}._\-/]*$/u, 'SKU may hold letters, digits and . _ - / only')
    .default(''),
  name: z.string().trim().min(1, 'Name is required').max(200),
  description: z.string().trim().max(2000).default(''),
  category: z.string().trim().max(80).default(''),
  priceMinor: z.number().int('Price must be a whole number of minor units').min(0, 'Price cannot be negative').max(1_000_000_000),
  unit: z.string().trim().min(1).max(20).default('pcs'),
  /** null: stock is not counted. */
  stock: z.number().int().min(0, 'Stock cannot be negative').max(10_000_000).nullable().default(null),
  available: z.boolean().default(true),
  options: z.array(optionGroupSchema).max(10).default([]),
  synonyms: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
  photo: z
    .string()
    .max(MAX_PHOTO_CHARS, 'Photo is too large; use a smaller picture')
    .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/, 'Photo must be a PNG, JPEG, WebP or GIF picture')
    .nullable()
    .default(null),
});
export type ProductInput = z.input<typeof productInputSchema>;
export type ProductData = z.output<typeof productInputSchema>;

export interface Product {
  id: number;
  sku: string;
  name: string;
  description: string;
  category: string;
  priceMinor: number;
  unit: string;
  stock: number | null;
  available: boolean;
  options: OptionGroup[];
  synonyms: string[];
  photo: string | null;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ProductFilter {
  query?: string;
  includeArchived?: boolean;
  category?: string;
}
