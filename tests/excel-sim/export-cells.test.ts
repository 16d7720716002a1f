/**
 * The cells of the exported package, written without exceljs (export/sheet-data.ts) into a zip
 * written without jszip (export/zip.ts): every kind of value and formula result, style indexes
 * of cells, rows and columns, row heights, text that XML must escape, table ranges and the
 * worksheet's dimension, read back with exceljs and jszip.
 */
import { gzipSync, inflateRawSync } from "zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { exportXlsx } from "../../src/excel-sim/export";
import {
  crc32,
  deflatePart,
  gzipHeaderLength,
  PackageParts,
  storedBlocks,
  zipPackage,
} from "../../src/excel-sim/export/zip";

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}

async function partText(bytes: Uint8Array, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  return zip.file(path)!.async("string");
}

/** One sheet "S" with whatever `build` writes through the Excel JavaScript API. */
async function exported(build: (sheet: Excel.Worksheet) => void): Promise<Uint8Array> {
  const sim: SimWorkbook = createWorkbook({ sheets: ["S"] });
  await sim.run(async (context) => build(context.workbook.worksheets.getItem("S")));
  return exportXlsx(sim, { date: new Date("2024-05-06T07:08:10Z") });
}

describe("zip container", () => {
  test("a gzip header's optional fields are skipped (RFC 1952 flags)", () => {
    const plain = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    expect(gzipHeaderLength(new Uint8Array(plain))).toBe(10);
    const extra = [0x1f, 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3, 3, 0, 1, 2, 3];
    const name = [...new TextEncoder().encode("a.xml"), 0];
    const comment = [...new TextEncoder().encode("hi"), 0];
    expect(gzipHeaderLength(new Uint8Array([...extra, ...name, ...comment, 0xaa, 0xbb, 0x99]))).toBe(
      extra.length + name.length + comment.length + 2,
    );
  });

  test("parts deflated by the platform come back whole, with their CRCs, names, order, sizes and date", async () => {
    const big = new TextEncoder().encode("<row/>".repeat(400_000));
    const parts = [
      { name: "[Content_Types].xml", part: await deflatePart(new TextEncoder().encode("<Types/>")) },
      { name: "xl/empty.xml", part: await deflatePart(new Uint8Array(0)) },
      { name: "xl/worksheets/sheet1.xml", part: await deflatePart(big) },
    ];
    expect(parts[2].part.data.length).toBeLessThan(big.length / 20);
    const bytes = zipPackage(parts, new Date("2024-05-06T07:08:10Z"));
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(parts.map((p) => p.name));
    expect(await zip.file("[Content_Types].xml")!.async("string")).toBe("<Types/>");
    expect((await zip.file("xl/empty.xml")!.async("uint8array")).length).toBe(0);
    const back = await zip.file("xl/worksheets/sheet1.xml")!.async("uint8array");
    expect(Buffer.from(back).equals(Buffer.from(big))).toBe(true);
    const date = zip.file("xl/worksheets/sheet1.xml")!.date;
    expect([date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()]).toEqual([2024, 4, 6]);
    // Local header of the first entry: signature, "deflated" as its method.
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(8);
  });

  test("without CompressionStream and TextEncoder (jsdom) the parts are written as stored deflate blocks: the same CRC, the same cells", async () => {
    const text = new TextEncoder().encode("<c>1</c>".repeat(10_000));
    const native = await deflatePart(text);
    const saved = { CompressionStream: globalThis.CompressionStream, TextEncoder: globalThis.TextEncoder };
    Reflect.deleteProperty(globalThis, "CompressionStream");
    Reflect.deleteProperty(globalThis, "TextEncoder");
    try {
      const fallback = await deflatePart(text);
      expect([fallback.crc, fallback.size]).toEqual([native.crc, native.size]);
      // Stored blocks: 5 bytes of header per 65,535 bytes, the bytes themselves unchanged.
      expect(fallback.data.length).toBe(text.length + 5 * Math.ceil(text.length / 65_535));
      expect(fallback.data.subarray(5, 13)).toEqual(text.subarray(0, 8));
      const bytes = await exported((s) => {
        s.getRange("A1:B2").formulas = [
          ["Ünïcode ✓", '=A1&"!"'],
          [2, "=A2*3"],
        ];
      });
      const ws = (await readBack(bytes)).getWorksheet("S")!;
      expect([ws.getCell("A1").value, ws.getCell("B1").value, ws.getCell("B2").value]).toEqual([
        "Ünïcode ✓",
        { formula: 'A1&"!"', result: "Ünïcode ✓!" },
        { formula: "A2*3", result: 6 },
      ]);
    } finally {
      Object.assign(globalThis, saved);
    }
  });

  test("a damaged entry is caught by its CRC", async () => {
    const bytes = zipPackage(
      [{ name: "a.xml", part: { ...(await deflatePart(new TextEncoder().encode("<a/>"))), crc: 1 } }],
      new Date(),
    );
    await expect(JSZip.loadAsync(bytes, { checkCRC32: true })).rejects.toThrow(/crc32/i);
  });
});

describe("the package read back, and deflate without a platform zlib", () => {
  test("stored blocks inflate back to the bytes, across blocks and when empty; the CRC is gzip's", () => {
    for (const length of [0, 1, 65_535, 65_536, 200_000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 7 + (i >> 9)) & 0xff);
      expect(new Uint8Array(inflateRawSync(storedBlocks(bytes)))).toEqual(bytes);
      const gzip = gzipSync(bytes);
      expect(crc32(bytes)).toBe(new DataView(gzip.buffer, gzip.byteOffset).getUint32(gzip.length - 8, true));
    }
  });

  test("PackageParts reads a stored zip's parts (folders skipped, UTF-8 names) and refuses a compressed one", async () => {
    const zip = new JSZip();
    zip.folder("xl");
    zip.file("xl/workbook.xml", "<workbook>Ünïcode ✓</workbook>");
    zip.file("docProps/é.xml", new Uint8Array([1, 2, 3]));
    const parts = PackageParts.fromStoredZip(
      await zip.generateAsync({ type: "uint8array", compression: "STORE" }),
    );
    expect(parts.paths().sort()).toEqual(["docProps/é.xml", "xl/workbook.xml"]);
    expect(parts.text("xl/workbook.xml")).toBe("<workbook>Ünïcode ✓</workbook>");
    expect(parts.bytes("docProps/é.xml")).toEqual(new Uint8Array([1, 2, 3]));
    parts.set("xl/workbook.xml", "<workbook/>");
    expect(parts.text("xl/workbook.xml")).toBe("<workbook/>");
    expect(() => parts.text("xl/missing.xml")).toThrow("xlsx export: the package has no xl/missing.xml.");
    const deflated = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(() => PackageParts.fromStoredZip(deflated)).toThrow(
      /exceljs compressed the part .* \(method 8\); only stored parts are read/,
    );
    expect(() => PackageParts.fromStoredZip(new Uint8Array(40))).toThrow(/no end of central directory/);
  });
});

describe("cells", () => {
  test("values of every kind, and text that XML must escape or cannot hold", async () => {
    const bytes = await exported((s) => {
      s.getRange("A1:A7").values = [
        [" lead"],
        ["trail "],
        ["a&b<c>d\"e'f"],
        ["tab\there"],
        ["ctl\u0001x"],
        [1.5e-7],
        [true],
      ];
      s.getRange("B1:B2").values = [["#N/A"], ["two\nlines"]];
    });
    const ws = (await readBack(bytes)).getWorksheet("S")!;
    const col = (c: string, n: number) =>
      Array.from({ length: n }, (_, i) => ws.getCell(`${c}${i + 1}`).value);
    expect(col("A", 7)).toEqual([" lead", "trail ", "a&b<c>d\"e'f", "tab\there", "ctlx", 1.5e-7, true]);
    expect(col("B", 2)).toEqual([{ error: "#N/A" }, "two\nlines"]);
    const strings = await partText(bytes, "xl/sharedStrings.xml");
    expect(strings).toContain('<t xml:space="preserve"> lead</t>');
    expect(strings).toContain('<t>a&amp;b&lt;c&gt;d"e&apos;f</t>');
  });

  test("formula results of every kind, with the type Excel reads them by", async () => {
    const bytes = await exported((s) => {
      s.getRange("A1:A6").formulas = [['="x"&"y"'], ['=""'], ["=1<2"], ["=NA()"], ["=6*7"], ["=A5/0"]];
    });
    const sheet = await partText(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain('<c r="A1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>');
    expect(sheet).toContain('<c r="A2" t="str"><f>""</f><v></v></c>');
    expect(sheet).toContain('<c r="A3" t="b"><f>1&lt;2</f><v>1</v></c>');
    expect(sheet).toContain('<c r="A4" t="e"><f>NA()</f><v>#N/A</v></c>');
    expect(sheet).toContain('<c r="A5"><f>6*7</f><v>42</v></c>');
    expect(sheet).toContain('<c r="A6" t="e"><f>A5/0</f><v>#DIV/0!</v></c>');
    const ws = (await readBack(bytes)).getWorksheet("S")!;
    expect(ws.getCell("A5").value).toEqual({ formula: "6*7", result: 42 });
  });

  test("a table-less structured reference is written with its table's name; the table keeps all its rows", async () => {
    const bytes = await exported((s) => {
      s.getRange("A1:B1").values = [["Score", "Twice"]];
      s.getRange("A2:A301").values = Array.from({ length: 300 }, (_, i) => [i]);
      s.tables.add("A1:B301", true).name = "T";
      s.getRange("B2:B301").formulas = Array.from({ length: 300 }, () => ["=[@Score]*2"]);
    });
    const ws = (await readBack(bytes)).getWorksheet("S")!;
    expect(ws.getCell("B301").value).toEqual({ formula: "T[[#This Row],[Score]]*2", result: 598 });
    const table = ws.getTable("T") as unknown as { table: { tableRef: string } };
    expect(table.table.tableRef).toBe("A1:B301");
    expect(await partText(bytes, "xl/tables/table1.xml")).toMatch(/<autoFilter ref="A1:B301"/);
    expect(await partText(bytes, "xl/worksheets/sheet1.xml")).toContain('<dimension ref="A1:B301"/>');
  });

  test("styles of cells, rows and columns by their index; row heights; formatted empty cells", async () => {
    const bytes = await exported((s) => {
      s.getRange("A1:C1").values = [["a", "b", "c"]];
      s.getRange("B2").values = [[0.25]];
      s.getRange("B2").numberFormat = [["0.0%"]];
      s.getRange("C:C").format.font.italic = true;
      s.getRange("C2:C3").values = [[1], [2]];
      s.getRange("3:4").format.font.bold = true;
      s.getRange("A3:A4").values = [["bold row"], ["its cells styled as row 3's"]];
      s.getRange("5:5").format.rowHeight = 30;
      s.getRange("D6").format.fill.color = "#FF0000";
    });
    const ws = (await readBack(bytes)).getWorksheet("S")!;
    expect(ws.getCell("B2").numFmt).toBe("0.0%");
    expect(ws.getCell("C2").font?.italic).toBe(true);
    expect(ws.getCell("A3").font?.bold).toBe(true);
    expect(ws.getCell("C3").font).toMatchObject({ bold: true, italic: true });
    expect(ws.getCell("A2").font?.italic).toBeFalsy();
    expect(ws.getCell("D6").fill).toMatchObject({ fgColor: { argb: "FFFF0000" } });
    expect(ws.getRow(5).height).toBe(30);
    const sheet = await partText(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(/<row r="3" spans="1:3" s="\d+" customFormat="1"/);
    expect(sheet).toMatch(/<row r="4" spans="1:1" s="\d+" customFormat="1"/);
    expect(sheet).toMatch(/<row r="5" ht="30" customHeight="1" x14ac:dyDescent="0.25"\/>/);
    expect(sheet).toMatch(/<c r="D6" s="\d+"\/>/);
  });

  test("a sheet without cells is exported with an empty sheetData", async () => {
    const bytes = await exported(() => undefined);
    expect(await partText(bytes, "xl/worksheets/sheet1.xml")).toContain("<sheetData></sheetData>");
    expect((await readBack(bytes)).getWorksheet("S")!.actualRowCount).toBe(0);
  });
});
