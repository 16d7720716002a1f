/**
 * The .xlsx zip container, written from its parts (APPNOTE.TXT 4.3: local headers with the
 * deflated data, then the central directory and its end record). Each part is deflated while it
 * is written by the platform's own zlib (CompressionStream "gzip", in browsers and in Node), so a
 * large worksheet is only ever held compressed: jszip would hold every part whole until the end
 * and deflate and checksum it in JavaScript, several times slower.
 */
import JSZip from "jszip";

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
 * part is collected and jszip deflates it.
 */
export interface PartWriter {
  write(data: string | Uint8Array): Promise<void>;
  finish(): Promise<DeflatedPart>;
}

export function partWriter(): PartWriter {
  return typeof CompressionStream === "function" ? new GzipWriter() : new JszipWriter();
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

class JszipWriter implements PartWriter {
  private readonly texts: string[] = [];
  private readonly chunks: Uint8Array[] = [];

  write(data: string | Uint8Array): Promise<void> {
    if (typeof data === "string") this.texts.push(data);
    else this.chunks.push(data);
    return Promise.resolve();
  }

  /** The entry of a one-part zip that jszip writes, read from its local header (APPNOTE 4.3.7). */
  async finish(): Promise<DeflatedPart> {
    if (this.texts.length && this.chunks.length)
      throw new Error("xlsx export: a part written as text and bytes.");
    const zip = await new JSZip()
      .file("part", this.texts.length ? this.texts.join("") : concat(this.chunks))
      .generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const view = new DataView(zip.buffer, zip.byteOffset);
    const start = 30 + view.getUint16(26, true) + view.getUint16(28, true);
    return {
      crc: view.getUint32(14, true),
      size: view.getUint32(22, true),
      data: zip.subarray(start, start + view.getUint32(18, true)),
    };
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
