/**
 * A QR code as a matrix of dark modules, drawn by the caller (as SVG rects, never as markup from a
 * string). Loaded lazily: only MFA setup needs it.
 * @module
 */
import { encode } from 'uqr';

/** Encodes text (an otpauth URI) as a QR code: `true` is a dark module. Includes the quiet zone. */
export function qrMatrix(text: string): boolean[][] {
  return encode(text, { ecc: 'M', border: 2 }).data;
}
