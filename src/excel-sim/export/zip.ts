/**
 * The .xlsx zip container, written from its parts (APPNOTE.TXT 4.3: local headers with the
 * deflated data, then the central directory and its end record). Each part is deflated as soon as
 * it is ready by the platform's own zlib (CompressionStream, in browsers and in Node), so a large
 * worksheet is held compressed, not as text, until the package is assembled: jszip would hold
 * every part whole until the end and deflate them in JavaScript, several times slower.
 */

/** A part, deflated, with what the zip headers say of it. */
export interface DeflatedPart {
  crc: number;
  size: number;
  data: Uint8Array;
}

/** Bytes handed to the compressor at a time (a view, not a copy). */
const WRITE_BYTES = 1 << 20;

export async function deflatePart(bytes: Uint8Array): Promise<DeflatedPart> {
  let raw = true;
  let stream: CompressionStream;
  try {
    stream = new CompressionStream("deflate-raw");
  } catch {
    // Runtimes that know only the zlib format: the same deflate data inside a 2-byte header and
    // a 4-byte checksum, cut off below.
    raw = false;
    stream = new CompressionStream("deflate");
  }
  const compressed = new Response(stream.readable).arrayBuffer();
  const writer = stream.writable.getWriter();
  for (let at = 0; at < bytes.length; at += WRITE_BYTES)
    await writer.write(bytes.subarray(at, at + WRITE_BYTES) as Uint8Array<ArrayBuffer>);
  await writer.close();
  const data = new Uint8Array(await compressed);
  return { crc: crc32(bytes), size: bytes.length, data: raw ? data : data.subarray(2, data.length - 4) };
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC), as zip entries carry it. */
export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** The zip of the parts, in their order, each stamped with `date` (UTC, at 2-second resolution). */
export function zipPackage(parts: { name: string; part: DeflatedPart }[], date: Date): Uint8Array {
  const encoder = new TextEncoder();
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const names = parts.map((p) => encoder.encode(p.name));
  const localSize = parts.reduce((n, p, i) => n + 30 + names[i].length + p.part.data.length, 0);
  const centralSize = names.reduce((n, name) => n + 46 + name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  // The fields a local header and its central directory entry share, from "version needed" on.
  const common = (i: number) => {
    const { crc, size, data } = parts[i].part;
    view.setUint16(at, 20, true); // version needed: 2.0 (deflate)
    view.setUint16(at + 2, 0, true); // flags
    view.setUint16(at + 4, 8, true); // method: deflate
    view.setUint16(at + 6, time, true);
    view.setUint16(at + 8, day, true);
    view.setUint32(at + 10, crc, true);
    view.setUint32(at + 14, data.length, true);
    view.setUint32(at + 18, size, true);
    view.setUint16(at + 22, names[i].length, true);
    view.setUint16(at + 24, 0, true); // extra field length
    at += 26;
  };
  parts.forEach(({ part }, i) => {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    at += 4;
    common(i);
    out.set(names[i], at);
    at += names[i].length;
    out.set(part.data, at);
    at += part.data.length;
  });
  const central = at;
  parts.forEach((_, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // version made by: 2.0, MS-DOS attributes
    at += 6;
    common(i);
    // Comment length, disk number, internal and external attributes (10 bytes): none.
    view.setUint32(at + 10, offsets[i], true);
    at += 14;
    out.set(names[i], at);
    at += names[i].length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, at - central, true);
  view.setUint32(at + 16, central, true);
  return out;
}
