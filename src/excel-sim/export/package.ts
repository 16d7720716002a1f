/**
 * The second half of the exporter: post-processes the package exceljs wrote (its parts, read by
 * zip.ts PackageParts) to add what exceljs cannot write — defined names of any kind (constants, formulas,
 * hidden names, comments), the calculation mode, tables without filter buttons, and native charts
 * (xl/charts/chartN.xml, xl/drawings/drawingN.xml, their relationships and content types).
 */
import type { PackageParts } from "./zip";
import { chartXml, drawingXml, type Anchor, type ChartSpec } from "./charts";
import { attrOf, el, esc, XML_DECL } from "./xml";
import { fileFormula } from "./xlfn";

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_DRAWING = `${REL_NS}/drawing`;
const REL_CHART = `${REL_NS}/chart`;
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

export interface NameSpec {
  name: string;
  /** "=Weights!$H$1", "=0.5" … */
  formula: string;
  comment: string;
  visible: boolean;
}

export interface SheetCharts {
  sheetName: string;
  charts: { spec: ChartSpec; anchor: Anchor }[];
}

export function text(zip: PackageParts, path: string): string {
  return zip.text(path);
}

/** Resolves a relationship target against the folder of the part that owns it. */
function resolve(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

export function relationships(rels: string): { id: string; type: string; target: string }[] {
  return [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: attrOf(m[0], "Id") ?? "",
    type: attrOf(m[0], "Type") ?? "",
    target: attrOf(m[0], "Target") ?? "",
  }));
}

/** Sheet name → its part path ("xl/worksheets/sheet3.xml"), read from workbook.xml and its rels. */
export async function sheetParts(zip: PackageParts): Promise<Map<string, string>> {
  const workbook = await text(zip, "xl/workbook.xml");
  const rels = relationships(await text(zip, "xl/_rels/workbook.xml.rels"));
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attrOf(m[0], "name");
    const rid = attrOf(m[0], "r:id");
    const rel = rels.find((r) => r.id === rid);
    if (name !== undefined && rel) out.set(name, resolve("xl/workbook.xml", rel.target));
  }
  return out;
}

export function addRelationship(
  rels: string | null,
  type: string,
  target: string,
): { xml: string; id: string } {
  const base =
    rels ??
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const used = new Set(relationships(base).map((r) => r.id));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const xml = base.replace(
    "</Relationships>",
    `${el("Relationship", { Id: id, Type: type, Target: target })}</Relationships>`,
  );
  return { xml, id };
}

export function addOverride(types: string, partName: string, contentType: string): string {
  if (types.includes(`PartName="${partName}"`)) return types;
  return types.replace(
    "</Types>",
    `${el("Override", { PartName: partName, ContentType: contentType })}</Types>`,
  );
}

/** Elements that must follow <drawing> in a worksheet (CT_Worksheet order). */
const AFTER_DRAWING = [
  "<legacyDrawing",
  "<legacyDrawingHF",
  "<picture",
  "<oleObjects",
  "<controls",
  "<webPublishItems",
  "<tableParts",
  "<extLst",
  "</worksheet>",
];

function insertDrawing(sheetXml: string, relId: string): string {
  const ns = /<worksheet\b[^>]*\bxmlns:r="/.test(sheetXml) ? "" : ` xmlns:r="${REL_NS}"`;
  const tag = `<drawing${ns} r:id="${relId}"/>`;
  let at = -1;
  for (const marker of AFTER_DRAWING) {
    const i = sheetXml.indexOf(marker);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return sheetXml.slice(0, at) + tag + sheetXml.slice(at);
}

/** Replaces exceljs's defined names with the model's, and sets the calculation mode. */
async function writeWorkbookPart(zip: PackageParts, names: NameSpec[], manual: boolean) {
  let xml = await text(zip, "xl/workbook.xml");
  xml = xml.replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
  if (names.length) {
    const body = names
      .map((n) =>
        el(
          "definedName",
          { name: n.name, comment: n.comment || undefined, hidden: n.visible ? undefined : 1 },
          esc(fileFormula(n.formula)),
        ),
      )
      .join("");
    xml = xml.replace("</sheets>", `</sheets><definedNames>${body}</definedNames>`);
  }
  if (manual) xml = xml.replace(/<calcPr\b/, '<calcPr calcMode="manual"');
  zip.set("xl/workbook.xml", xml);
}

/** Tables whose filter buttons are off lose their autoFilter element (Excel then shows none). */
async function dropFilterButtons(zip: PackageParts, tablesWithoutButtons: Set<string>) {
  if (!tablesWithoutButtons.size) return;
  for (const path of zip.paths().filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p))) {
    const xml = await text(zip, path);
    const name = attrOf(/<table\b[^>]*>/.exec(xml)?.[0] ?? "", "name");
    if (name && tablesWithoutButtons.has(name)) {
      zip.set(path, xml.replace(/<autoFilter\b[^>]*\/>|<autoFilter\b[^>]*>[\s\S]*?<\/autoFilter>/, ""));
    }
  }
}

async function writeCharts(zip: PackageParts, sheets: SheetCharts[]) {
  const parts = await sheetParts(zip);
  let types = await text(zip, "[Content_Types].xml");
  let chartNo = zip.paths().filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).length;
  let drawingNo = zip.paths().filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p)).length;
  for (const sheet of sheets) {
    if (!sheet.charts.length) continue;
    const sheetPart = parts.get(sheet.sheetName);
    if (!sheetPart) throw new Error(`xlsx export: no part for sheet "${sheet.sheetName}".`);
    const drawingPart = `xl/drawings/drawing${++drawingNo}.xml`;
    let drawingRels: string | null = null;
    const frames: { name: string; anchor: Anchor; relId: string }[] = [];
    for (const { spec, anchor } of sheet.charts) {
      const chartPart = `xl/charts/chart${++chartNo}.xml`;
      zip.set(chartPart, chartXml(spec));
      types = addOverride(types, `/${chartPart}`, CT_CHART);
      const rel = addRelationship(drawingRels, REL_CHART, `../charts/chart${chartNo}.xml`);
      drawingRels = rel.xml;
      frames.push({ name: spec.name, anchor, relId: rel.id });
    }
    zip.set(drawingPart, drawingXml(frames));
    zip.set(relsPathOf(drawingPart), drawingRels as string);
    types = addOverride(types, `/${drawingPart}`, CT_DRAWING);

    const sheetRelsPath = relsPathOf(sheetPart);
    const existing = zip.has(sheetRelsPath) ? await text(zip, sheetRelsPath) : null;
    const rel = addRelationship(existing, REL_DRAWING, `../drawings/drawing${drawingNo}.xml`);
    zip.set(sheetRelsPath, rel.xml);
    zip.set(sheetPart, insertDrawing(await text(zip, sheetPart), rel.id));
  }
  zip.set("[Content_Types].xml", types);
}

export async function postProcess(
  zip: PackageParts,
  input: {
    names: NameSpec[];
    manualCalculation: boolean;
    tablesWithoutButtons: Set<string>;
    charts: SheetCharts[];
  },
): Promise<void> {
  await writeWorkbookPart(zip, input.names, input.manualCalculation);
  await dropFilterButtons(zip, input.tablesWithoutButtons);
  await writeCharts(zip, input.charts);
}
