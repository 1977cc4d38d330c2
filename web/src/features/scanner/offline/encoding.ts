// Byte encodings of the offline contract (docs/offline-gates.md): RFC 4648 base32 (ticket codes),
// base64url without padding (pack fields) and unsigned LEB128 varints. Strict: anything that is
// not exactly the canonical form decodes to null (or throws, for varints inside a pack).

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function table(alphabet: string): Int8Array {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}
const B32 = table(BASE32);
const B64 = table(BASE64URL);

function decode(text: string, lookup: Int8Array, bitsPerChar: number): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * bitsPerChar) / 8));
  let acc = 0, bits = 0, n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? lookup[c] : -1;
    if (v < 0) return null;
    acc = ((acc << bitsPerChar) | v) & 0xffff;
    bits += bitsPerChar;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  // A whole character left over, or leftover bits that are not zero: not the canonical encoding.
  if (bits >= bitsPerChar || (acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/** RFC 4648 base32, upper case, no padding. */
export function base32Decode(text: string): Uint8Array | null {
  return decode(text, B32, 5);
}

/** RFC 4648 §5 base64url, no padding ("" is zero bytes). */
export function base64urlDecode(text: string): Uint8Array | null {
  return decode(text, B64, 6);
}

/** One unsigned LEB128 varint at `pos`: [value, next position]. Throws when truncated or past 2^53. */
export function readVarint(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0, scale = 1;
  for (;;) {
    if (pos >= bytes.length) throw new Error("truncated varint");
    const b = bytes[pos++];
    value += (b & 0x7f) * scale;
    if (!Number.isSafeInteger(value)) throw new Error("varint too large");
    if ((b & 0x80) === 0) return [value, pos];
    scale *= 128;
  }
}
