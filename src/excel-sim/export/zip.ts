/**
 * The .xlsx zip container, written from its parts (APPNOTE.TXT 4.3: local headers with the
 * deflated data, then the central directory and its end record). Each part is deflated while it
 * is written by the platform's own zlib (CompressionStream "gzip", in browsers and in Node), so a
 * large worksheet is only ever held compressed: jszip would hold every part whole until the end
 * and deflate and checksum it in JavaScript, several times slower. And the package exceljs wrote,
 * read back as its parts (PackageParts), so that the add-in ships no JSZip of its own beside the
 * one inside exceljs's browser build.
 */

/** A part, deflated, with what the zip headers say of it. */
export interface DeflatedPart {
  crc: number;
  size: number;
  data: Uint8Array;
}

/**
 * A part deflated as it is written: text (as UTF-8) or bytes, each write resolved when the
 * compressor has taken it. Through the platform's gzip where there is one: it also gives the
 * CRC-32 (RFC 1952: a header, the raw deflate data a zip entry holds, then CRC-32 and size), so no
 * byte is read in JavaScript and a part of 100 MB never exists whole, only compressed. Elsewhere
 * (jsdom, which the preview's tests run in, has neither CompressionStream nor TextEncoder) the
 * part is written as deflate's stored blocks (RFC 1951 3.2.4: valid deflate data, not compressed)
 * with its CRC-32 computed here; only tests meet that path.
 */
export interface PartWriter {
  write(data: string | Uint8Array): Promise<void>;
  finish(): Promise<DeflatedPart>;
}

export function partWriter(): PartWriter {
  return typeof CompressionStream === "function" ? new GzipWriter() : new StoredBlocksWriter();
}

class GzipWriter implements PartWriter {
  private readonly stream = new CompressionStream("gzip");
  private readonly writer = this.stream.writable.getWriter();
  private readonly encoder = new TextEncoder();
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  // Read while written, so the compressed side never holds the writer back.
  private readonly reading = (async () => {
    const reader = this.stream.readable.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) this.chunks.push(r.value);
  })();

  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === "string" ? this.encoder.encode(data) : data;
    this.size += bytes.length;
    await this.writer.write(bytes as Uint8Array<ArrayBuffer>);
  }

  async finish(): Promise<DeflatedPart> {
    await this.writer.close();
    await this.reading;
    const gzip = concat(this.chunks);
    const view = new DataView(gzip.buffer);
    return {
      crc: view.getUint32(gzip.length - 8, true),
      size: this.size,
      data: gzip.subarray(gzipHeaderLength(gzip), gzip.length - 8),
    };
  }
}

class StoredBlocksWriter implements PartWriter {
  private readonly chunks: Uint8Array[] = [];

  write(data: string | Uint8Array): Promise<void> {
    this.chunks.push(typeof data === "string" ? utf8(data) : data);
    return Promise.resolve();
  }

  finish(): Promise<DeflatedPart> {
    const bytes = concat(this.chunks);
    return Promise.resolve({ crc: crc32(bytes), size: bytes.length, data: storedBlocks(bytes) });
  }
}

/** UTF-8 bytes of text, also where there is no TextEncoder (jsdom). */
export function utf8(text: string): Uint8Array {
  if (typeof TextEncoder === "function") return new TextEncoder().encode(text);
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** The largest stored block deflate allows (its LEN field is 16 bits). */
const STORED_BLOCK = 65_535;

/** Deflate data made of stored blocks: per block a header byte (BFINAL, BTYPE 00), LEN, ~LEN, the bytes. */
export function storedBlocks(bytes: Uint8Array): Uint8Array {
  const count = Math.max(1, Math.ceil(bytes.length / STORED_BLOCK));
  const out = new Uint8Array(bytes.length + 5 * count);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let k = 0; k < count; k++) {
    const block = bytes.subarray(k * STORED_BLOCK, (k + 1) * STORED_BLOCK);
    out[at] = k === count - 1 ? 1 : 0;
    view.setUint16(at + 1, block.length, true);
    view.setUint16(at + 3, ~block.length & 0xffff, true);
    out.set(block, at + 5);
    at += 5 + block.length;
  }
  return out;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as zip and gzip use it (ISO 3309, reflected polynomial 0xEDB88320). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The parts of a zip package whose entries are stored (method 0), as exceljs writes it when told
 * `compression: "STORE"`: read through the central directory (APPNOTE 4.3.12), which gives each
 * entry's size even when its local header defers it to a data descriptor. Parts are then read as
 * text and replaced by the post-processing, and compressed once, by zipPackage.
 */
export class PackageParts {
  private readonly parts = new Map<string, Uint8Array | string>();
  private readonly decoder = new TextDecoder();

  static fromStoredZip(zip: Uint8Array): PackageParts {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let end = zip.length - 22;
    while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
    if (end < 0) throw new Error("xlsx export: exceljs's package has no end of central directory.");
    const out = new PackageParts();
    const entries = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    for (let i = 0; i < entries; i++) {
      if (view.getUint32(at, true) !== 0x02014b50)
        throw new Error("xlsx export: exceljs's package has a broken central directory.");
      const method = view.getUint16(at + 10, true);
      const size = view.getUint32(at + 20, true);
      const nameLength = view.getUint16(at + 28, true);
      const skip = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      const local = view.getUint32(at + 42, true);
      const name = out.decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
      at += 46 + nameLength + skip;
      if (name.endsWith("/")) continue;
      if (method !== 0)
        throw new Error(
          `xlsx export: exceljs compressed the part ${name} (method ${method}); only stored parts are read.`,
        );
      const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      out.parts.set(name, zip.subarray(data, data + size));
    }
    return out;
  }

  paths(): string[] {
    return [...this.parts.keys()];
  }

  has(path: string): boolean {
    return this.parts.has(path);
  }

  text(path: string): string {
    const part = this.parts.get(path);
    if (part === undefined) throw new Error(`xlsx export: the package has no ${path}.`);
    return typeof part === "string" ? part : this.decoder.decode(part);
  }

  bytes(path: string): Uint8Array {
    const part = this.parts.get(path);
    if (part === undefined) throw new Error(`xlsx export: the package has no ${path}.`);
    return typeof part === "string" ? utf8(part) : part;
  }

  set(path: string, text: string): void {
    this.parts.set(path, text);
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export async function deflatePart(bytes: Uint8Array): Promise<DeflatedPart> {
  const out = partWriter();
  await out.write(bytes);
  return out.finish();
}

/** The length of a gzip member's header: 10 bytes, and the optional fields its flags announce. */
export function gzipHeaderLength(gzip: Uint8Array): number {
  const flags = gzip[3];
  let at = 10;
  if (flags & 4) at += 2 + (gzip[at] | (gzip[at + 1] << 8)); // FEXTRA: length, then the field
  if (flags & 8) at = gzip.indexOf(0, at) + 1; // FNAME, zero-terminated
  if (flags & 16) at = gzip.indexOf(0, at) + 1; // FCOMMENT, zero-terminated
  if (flags & 2) at += 2; // FHCRC
  return at;
}

/** The zip of the parts, in their order, each stamped with `date` (UTC, at 2-second resolution). */
export function zipPackage(parts: { name: string; part: DeflatedPart }[], date: Date): Uint8Array {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const names = parts.map((p) => asciiBytes(p.name));
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

/** A part name's bytes: OPC part names in the packages written here are ASCII (so no UTF-8 flag). */
function asciiBytes(name: string): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(name)) throw new Error(`xlsx export: the part name "${name}" is not ASCII.`);
  return Uint8Array.from(name, (ch) => ch.charCodeAt(0));
}
