/**
 * The text of a list file from its bytes, for the command line and the pane alike: no Node API,
 * only TextDecoder (a web standard that Node has too) for UTF-8 and UTF-16.
 *
 * Excel for Windows saves "CSV (Comma delimited)" in the ANSI code page, Windows-1252 in Western
 * Europe and the Americas; "CSV UTF-8" starts with a byte order mark. So: a UTF-8 or UTF-16 byte
 * order mark decides; bytes that are valid UTF-8 are UTF-8; anything else is read as Windows-1252,
 * and a notice says so and where the first byte that is not UTF-8 is. Windows-1252 is decoded here,
 * not by TextDecoder: Node's TextDecoder("windows-1252") reads the bytes 0x80–0x9F as Latin-1 control
 * characters (nodejs/node#60888), which would turn "€" into U+0080.
 */

export type TextEncodingName = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "Windows-1252";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Said when the encoding was assumed rather than known; the user should see it. */
  notice?: string;
}

/** Windows-1252's characters for the bytes 0x80–0x9F (the WHATWG Encoding Standard's index). */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] : b,
    );
    text += String.fromCharCode(...codes);
  }
  return text;
}

/**
 * The offset of the first byte that does not begin a well-formed UTF-8 sequence (overlong forms,
 * surrogates and code points above U+10FFFF are not), or -1 when all of `bytes` is UTF-8.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let more: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) more = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      more = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      more = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= more; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += more + 1;
  }
  return -1;
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, k) => bytes[k] === b);

/** Where the first byte that is not UTF-8 is, in words: its line (1-based) and its value. */
function badByte(bytes: Uint8Array, at: number): string {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  const hex = bytes[at].toString(16).toUpperCase().padStart(2, "0");
  return `line ${line} has the byte 0x${hex}, which UTF-8 does not allow there`;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function utf16(bytes: Uint8Array, encoding: "UTF-16LE" | "UTF-16BE", what: string): DecodedText {
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2)), encoding };
  } catch {
    throw new Error(
      `${what} starts with a ${encoding} byte order mark but is not valid ${encoding} text; save it from Excel as "CSV UTF-8 (Comma delimited)".`,
    );
  }
}

/**
 * Decodes a CSV file's bytes (see the top of this file); `what` names the file in the notice.
 * Throws an Error, with what to do, only for a UTF-16 byte order mark on bytes that are not UTF-16.
 */
export function decodeCsvBytes(bytes: Uint8Array, what = "The CSV"): DecodedText {
  if (startsWith(bytes, 0xff, 0xfe)) return utf16(bytes, "UTF-16LE", what);
  if (startsWith(bytes, 0xfe, 0xff)) return utf16(bytes, "UTF-16BE", what);
  const start = startsWith(bytes, ...UTF8_BOM) ? 3 : 0;
  const bad = firstInvalidUtf8(bytes.subarray(start));
  if (bad < 0) return { text: new TextDecoder("utf-8").decode(bytes.subarray(start)), encoding: "UTF-8" };
  return {
    text: decodeWindows1252(bytes.subarray(start)),
    encoding: "Windows-1252",
    notice:
      `${what} is not UTF-8 (${badByte(bytes, start + bad)}), ` +
      `so it was read as Windows-1252, the encoding Excel for Windows uses for "CSV (Comma delimited)". ` +
      `If accented letters or symbols look wrong, save the list from Excel as "CSV UTF-8 (Comma delimited)" and import it again.`,
  };
}

/** Decodes a JSON file's bytes, which must be UTF-8 (RFC 8259); throws an Error naming the bad byte. */
export function decodeJsonBytes(bytes: Uint8Array): string {
  const start = startsWith(bytes, ...UTF8_BOM) ? 3 : 0;
  const bad = firstInvalidUtf8(bytes.subarray(start));
  if (bad >= 0) {
    throw new Error(
      `The JSON is not UTF-8 (${badByte(bytes, start + bad)}); JSON files are UTF-8: save it as UTF-8 and import it again.`,
    );
  }
  return new TextDecoder("utf-8").decode(bytes.subarray(start));
}
