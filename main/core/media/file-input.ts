// Input schemas for a file sent through the API as base64 (an owner's attachment, the sandbox customer's file).
import { z } from 'zod';

/** Base64 of a file up to 100 MB (the largest size cap the owner can choose). */
export const base64File = z
  .string()
  .min(1)
  .max(140_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'File data must be base64');
export const fileName = z.string().trim().max(200).default('');
export const mime = z.string().trim().max(100).default('application/octet-stream');
