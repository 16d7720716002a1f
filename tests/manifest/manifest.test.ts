/**
 * Validates manifest.xml offline against Microsoft's add-in manifest schemas kept in
 * ../shared/schemas/office-addin-manifest (office-addin-manifest validate needs an online service),
 * with the offline check of `npm run validate` (scripts/validate-manifest.ts).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { validateOffline as validate } from "../../scripts/validate-manifest";

const root = join(__dirname, "..", "..");
const manifest = readFileSync(join(root, "manifest.xml"), "utf8");

describe("manifest.xml", () => {
  it("is valid against the offline OfficeApp 1.1 schemas", async () => {
    const result = await validate(manifest);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("the validator rejects a broken manifest (the check can fail)", async () => {
    const broken = manifest.replace(
      "<Permissions>ReadWriteDocument</Permissions>",
      "<Permissions>Everything</Permissions>",
    );
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/Permissions/);
  });

  it("declares the ExcelApi 1.8 minimum, ReadWriteDocument and https only", () => {
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1.8"\/>/);
    expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    const urls = [...manifest.matchAll(/DefaultValue="([a-z]+:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith("https://")).toBe(true);
  });

  it("puts a button on the Home tab that opens the task pane, with icons that exist at every size", () => {
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
    for (const size of [16, 32, 64, 80, 128]) {
      const png = readFileSync(join(root, "assets", `icon-${size}.png`));
      // PNG width and height live at bytes 16..23 of the IHDR chunk.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    for (const m of manifest.matchAll(/assets\/(icon-\d+\.png)/g)) {
      expect(readdirSync(join(root, "assets"))).toContain(m[1]);
    }
  });
});
