/**
 * The indicator columns' outline (issue 16, scorecard/indicatorOutline.ts) as a real spreadsheet
 * engine reads it (docs/architecture.md §7, layer 3): a scorecard whose two criteria have indicators,
 * made and reordered by the product on excel-sim with the column outline on, is exported to .xlsx
 * and converted by headless LibreOffice to OpenDocument. LibreOffice writes each column group it
 * imported as a <table:table-column-group>; the columns inside one must be exactly the indicator
 * columns, each criterion's in a group of its own. LibreOffice is required, never skipped.
 */
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import JSZip from "jszip";
import { JSDOM } from "jsdom";
import { exportXlsx } from "../../src/excel-sim/export";
import { columnIndex } from "../../src/workbook/contract/addresses";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { defaultConfig, newWorkbook } from "../workbook/helpers";
import { CRITERION, readNow, suggested } from "../workbook/indicator-support";
import { libreOfficeWorkspace, makeProfile, soffice } from "./support/libreoffice";

jest.setTimeout(300_000);

const TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const workspace = libreOfficeWorkspace("tests/external/libreoffice-outline.test.ts", "scorecard-outline-");

/**
 * The column groups of sheet `name` in an ODF content.xml: for each group, the 0-based indexes of
 * its columns (a group nested in another is listed on its own too).
 */
function columnGroups(contentXml: string, name: string): number[][] {
  const doc = new new JSDOM("").window.DOMParser().parseFromString(contentXml, "application/xml");
  const table = Array.from(doc.getElementsByTagNameNS(TABLE_NS, "table")).find(
    (t) => t.getAttributeNS(TABLE_NS, "name") === name,
  );
  if (!table) throw new Error(`LibreOffice's file has no sheet "${name}".`);
  const groups: number[][] = [];
  let next = 0;
  const walk = (node: Element): number[] => {
    const mine: number[] = [];
    for (const child of Array.from(node.children)) {
      if (child.namespaceURI !== TABLE_NS) continue;
      if (child.localName === "table-column") {
        const repeated = Number(child.getAttributeNS(TABLE_NS, "number-columns-repeated") ?? "1");
        for (let k = 0; k < repeated; k++) mine.push(next++);
      } else if (child.localName === "table-column-group") {
        const inner = walk(child);
        groups.push(inner);
        mine.push(...inner);
      } else if (child.localName === "table-columns" || child.localName === "table-header-columns") {
        mine.push(...walk(child));
      }
    }
    return mine;
  };
  walk(table);
  return groups;
}

it("LibreOffice sees each criterion's indicator columns as one column group, and nothing else grouped", async () => {
  const { sim, run } = newWorkbook();
  await createScorecard(run, {
    config: defaultConfig("exclude", [3, 2, 2, 1]),
    agreements: exampleAgreements(),
  });
  const options = { author: "Analyst", confirmDataLoss: true, columnOutline: true };
  await setIndicators(run, await readNow(run), CRITERION, suggested(), options);
  await setIndicators(
    run,
    await readNow(run),
    "threat_response",
    suggested("threat_response").slice(0, 2),
    options,
  );
  const before = await readNow(run);
  await reorderCriteria(run, before, [...before.config.criteria.map((c) => c.id)].reverse(), options);
  const data = await readNow(run);

  const file = join(workspace.work, "outline.xlsx");
  mkdirSync(workspace.work, { recursive: true });
  writeFileSync(file, await exportXlsx(sim));
  const out = join(workspace.work, "ods");
  soffice(makeProfile(workspace.work, "profile-plain", false), "ods", out, [file]);
  const zip = await JSZip.loadAsync(readFileSync(join(out, "outline.ods")));
  const groups = columnGroups(await zip.file("content.xml")!.async("string"), "Scorecard");

  // Expected: one group per criterion with indicators, holding exactly its indicator columns.
  const expected = data.config.criteria
    .map((c) =>
      (data.columns.indicators ?? []).filter((i) => i.criterionId === c.id).map((i) => columnIndex(i.column)),
    )
    .filter((columns) => columns.length > 0);
  expect(expected.map((g) => g.length)).toEqual([2, 3]);
  expect(groups).toEqual(expected);
});
