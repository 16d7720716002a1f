/**
 * The Scorecard and Weights tables as one read loaded them, turned into the model's terms (pure):
 * agreements and their scores, each cell the model cannot use as an issue at its address, the
 * weights, the scale and the missing-score policy as the sheet states it.
 */
import { NAME, WEIGHTS_COLUMNS } from "../contract/contract";
import { WorkbookError } from "../errors";
import { columnsFromHeaders, findHeader, WEIGHTS_LAYOUT } from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import type { AgreementRecord, CellIssue, ComputedRow, ScorecardData } from "../model";
import { columnLetter } from "../contract/addresses";
import { MAX_AGREEMENT_ID } from "../contract/userText";
import {
  indicatorRowScores,
  readIndicatorTable,
  type IndicatorContext,
  type TableRead,
} from "./parseIndicators";

type Cell = string | number | boolean;

const numberOrNull = (v: Cell): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** One read's Scorecard body and Weights table as the model's agreements, weights and scale, with every unusable cell as an issue. */
export function parseScorecardTables(
  meta: ScorecardMeta,
  headers: Cell[],
  firstColumn: number,
  body: Cell[][],
  bodyRowIndex: number,
  weightsHeaders: Cell[],
  weightsBody: { values: Cell[][]; rowIndex: number; columnIndex: number },
  [rawMin, rawMax]: Cell[],
  indicatorTable: TableRead | null = null,
): Omit<ScorecardData, "profiles" | "reviews" | "consensus" | "audit" | "auditComplete" | "names"> {
  const sheet = meta.sheets.scorecard;
  const table = meta.scorecardTable;
  const resolved = columnsFromHeaders(headers, firstColumn, meta, { table, sheet });
  const {
    id: idCol,
    name: nameCol,
    type: typeCol,
    parties: partiesCol,
    signed: signedCol,
    coverage: coverageCol,
    score: scoreCol,
    rank: rankCol,
    notes: notesCol,
  } = resolved.index;
  const criterionCols = resolved.criterionIndex;
  const indicatorCols = resolved.indicatorIndex;

  const scale = readScale(meta, rawMin, rawMax);
  const flat = readWeights(meta, weightsHeaders, weightsBody);
  const { weightCells, normalizedCells } = flat;
  const indicatorTree = readIndicatorTable(meta, indicatorTable);
  const criteria = flat.criteria.map((c) =>
    indicatorTree.tree[c.id] ? { ...c, indicators: indicatorTree.tree[c.id] } : c,
  );
  const indicatorContext: IndicatorContext = {
    sheet,
    firstColumn,
    scale,
    policy: meta.missingPolicy,
    indicatorIndex: new Map(
      (resolved.columns.indicators ?? []).map((i, k) => [i.indicatorId, indicatorCols[k]]),
    ),
  };
  const twoLevel = indicatorCols.length > 0;
  const weightIssues: CellIssue[] = criteria.every((c) => c.weight === 0)
    ? [
        {
          sheet: meta.sheets.weights,
          address: Object.values(weightCells).join(","),
          row: Number(/\d+$/.exec(Object.values(weightCells)[0])?.[0] ?? 0),
          column: "Weight",
          agreementId: "",
          message: `Every weight on sheet "${meta.sheets.weights}" is 0, so no agreement can be scored or ranked; give at least one criterion a weight above 0 (on the Weights tab, or in column Weight of the sheet).`,
        },
      ]
    : [];

  const agreements: AgreementRecord[] = [];
  const computed: ComputedRow[] = [];
  const rows: number[] = [];
  const issues: CellIssue[] = [...weightIssues];
  body.forEach((cells, i) => {
    const row = bodyRowIndex + i + 1;
    const id = String(cells[idCol]).trim();
    const name = String(cells[nameCol]);
    // The body's empty placeholder row of a new scorecard is not an agreement; its formulas give
    // nothing, and a value typed over them would be ranked on the Results sheet.
    if (
      id === "" &&
      name.trim() === "" &&
      criterionCols.every((c) => cells[c] === "") &&
      indicatorCols.every((c) => cells[c] === "")
    ) {
      // A number over the Weighted score also gives the row a Rank: the score is the cell to repair.
      const typed = (
        [
          ["score", scoreCol],
          ["rank", rankCol],
        ] as const
      ).find(([, at]) => cells[at] !== "" && cells[at] !== null);
      if (typed) {
        const [role, at] = typed;
        const address = `${columnLetter(firstColumn + at)}${row}`;
        issues.push({
          sheet,
          address,
          row,
          column: meta.columns[role],
          agreementId: "",
          repairable: true,
          message: `${sheet}!${address} (an empty row of the table, ${meta.columns[role]}) shows ${JSON.stringify(cells[at])} but its formula gives nothing for a row without an agreement: the formula was typed over, and the Results sheet may rank the row. "Repair formulas" on the Results tab writes the formula back.`,
        });
      }
      return;
    }
    const scores: Record<string, number | null> = {};
    const indicatorScores: Record<string, number | null> = {};
    meta.criteria.forEach((c, k) => {
      const indicators = indicatorTree.tree[c.id];
      if (indicators) {
        const at = { cells, row, agreementId: id, label: name || id };
        const read = indicatorRowScores(indicatorContext, c, indicators, criterionCols[k], at);
        scores[c.id] = read.score;
        Object.assign(indicatorScores, read.scores);
        issues.push(...read.issues);
        return;
      }
      const value = cells[criterionCols[k]];
      const address = `${columnLetter(firstColumn + criterionCols[k])}${row}`;
      if (value === "" || value === null) scores[c.id] = null;
      else if (typeof value === "number" && value >= scale.min && value <= scale.max) scores[c.id] = value;
      else {
        scores[c.id] = null;
        issues.push({
          sheet,
          address,
          row,
          column: c.header,
          agreementId: id,
          criterionId: c.id,
          message:
            typeof value === "number"
              ? `${sheet}!${address} (agreement "${name || id}", ${c.header}): ${value} is off the scale ${scale.min}–${scale.max}; enter a value from ${scale.min} to ${scale.max}.`
              : `${sheet}!${address} (agreement "${name || id}", ${c.header}): "${String(value)}" is not a number; enter a score from ${scale.min} to ${scale.max}, or clear the cell.`,
        });
      }
    });
    if (id === "") {
      issues.push({
        sheet,
        address: `${columnLetter(firstColumn + idCol)}${row}`,
        row,
        column: "ID",
        agreementId: "",
        message: `${sheet}!${columnLetter(firstColumn + idCol)}${row} (agreement "${name}"): the ID is blank; give the agreement a unique ID.`,
      });
    }
    if (meta.mode === "team" && id.length > MAX_AGREEMENT_ID) {
      const address = `${columnLetter(firstColumn + idCol)}${row}`;
      issues.push({
        sheet,
        address,
        row,
        column: "ID",
        agreementId: id,
        message: `${sheet}!${address} (agreement "${name || id.slice(0, 40)}"): the ID has ${id.length} characters; the team's consensus formulas look IDs up with MATCH, which Excel limits to 255 characters (* ? ~ count twice), so its reviews may not be counted. Shorten the ID to at most ${MAX_AGREEMENT_ID} characters.`,
      });
    }
    agreements.push({
      id,
      name,
      type: String(cells[typeCol]),
      parties: String(cells[partiesCol]),
      signed:
        typeof cells[signedCol] === "number"
          ? (cells[signedCol] as number)
          : String(cells[signedCol]) || null,
      scores,
      ...(twoLevel ? { indicatorScores } : {}),
      notes: String(cells[notesCol]),
    });
    const score = cells[scoreCol];
    computed.push({
      coverage: numberOrNull(cells[coverageCol]),
      score: numberOrNull(score),
      rank: numberOrNull(cells[rankCol]),
      scoreText: typeof score === "number" ? null : String(score),
      rankText: typeof cells[rankCol] === "number" ? null : String(cells[rankCol]),
    });
    rows.push(row);
  });
  reportDuplicateIds(agreements, rows, sheet, columnLetter(firstColumn + idCol), issues);
  return {
    location: { meta: { ...meta, scale }, rowCountHint: agreements.length },
    config: { criteria, scale, missingPolicy: meta.missingPolicy },
    agreements,
    computed,
    rows,
    columns: resolved.columns,
    tableFirstColumn: firstColumn,
    headerRow: bodyRowIndex,
    weightCells,
    normalizedCells,
    ...(twoLevel ? { indicatorRows: indicatorTree.rows } : {}),
    issues,
  };
}

function reportDuplicateIds(
  agreements: AgreementRecord[],
  rows: number[],
  sheet: string,
  column: string,
  issues: CellIssue[],
) {
  const first = new Map<string, number>();
  agreements.forEach((a, i) => {
    if (a.id === "") return;
    const key = a.id.toLowerCase();
    const seen = first.get(key);
    if (seen === undefined) first.set(key, rows[i]);
    else
      issues.push({
        sheet,
        address: `${column}${rows[i]}`,
        row: rows[i],
        column: "ID",
        agreementId: a.id,
        message: `${sheet}!${column}${rows[i]}: ID "${a.id}" is also used in row ${seen}; IDs must be unique.`,
      });
  });
}

function readScale(meta: ScorecardMeta, rawMin: Cell, rawMax: Cell) {
  if (typeof rawMin !== "number" || typeof rawMax !== "number" || !(rawMin < rawMax)) {
    throw new WorkbookError(
      "InvalidInput",
      `The scale on sheet "${meta.sheets.weights}" (names ${NAME.scaleMin} and ${NAME.scaleMax}) must be two numbers, minimum below maximum; it holds ${JSON.stringify(rawMin)} and ${JSON.stringify(rawMax)}.`,
      { sheet: meta.sheets.weights },
    );
  }
  return { min: rawMin, max: rawMax };
}

function readWeights(
  meta: ScorecardMeta,
  headers: Cell[],
  body: { values: Cell[][]; rowIndex: number; columnIndex: number },
) {
  const rows = body.values;
  const weightCells: Record<string, string> = {};
  const sheet = meta.sheets.weights;
  const table = meta.weightsTable;
  const [idCol, nameCol, definitionCol, weightCol] = WEIGHTS_COLUMNS.slice(0, 4).map((h) =>
    findHeader(headers, h, { table, sheet }),
  );
  const normalizedCells: Record<string, string> = {};
  // Not required to read the scorecard: only Repair formulas needs it, to put an AS_W_ name back.
  const wanted = WEIGHTS_COLUMNS[4].toLowerCase();
  const normalizedCol = headers.findIndex((h) => String(h).trim().toLowerCase() === wanted);
  const criteria = meta.criteria.map((c) => {
    const index = rows.findIndex((r) => String(r[idCol]) === c.id);
    if (index < 0) {
      throw new WorkbookError(
        "ColumnMissing",
        `Criterion "${c.header}" (id ${c.id}) has no row in table "${table}" (sheet "${sheet}"); undo the deletion of that row.`,
        { table, sheet, column: c.header },
      );
    }
    const weight = rows[index][weightCol];
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new WorkbookError(
        "InvalidInput",
        `The weight of criterion "${c.header}" (sheet "${sheet}", row ${body.rowIndex + index + 1}) is ${JSON.stringify(weight)}; enter a number of 0 or more.`,
        { table, sheet, row: body.rowIndex + index + 1, column: "Weight" },
      );
    }
    weightCells[c.id] = `${columnLetter(body.columnIndex + weightCol)}${body.rowIndex + index + 1}`;
    if (normalizedCol >= 0)
      normalizedCells[c.id] = `${columnLetter(body.columnIndex + normalizedCol)}${body.rowIndex + index + 1}`;
    return {
      id: c.id,
      name: String(rows[index][nameCol]) || c.header,
      definition: String(rows[index][definitionCol]),
      weight,
    };
  });
  return { criteria, weightCells, normalizedCells };
}

/**
 * The Weights sheet states the missing-score policy, but the formulas apply the one in the
 * metadata: a policy typed into the cell would be a statement the formulas do not follow.
 */
export function policyIssues(meta: ScorecardMeta, shown: Cell): CellIssue[] {
  if (String(shown).trim().toLowerCase() === meta.missingPolicy) return [];
  const sheet = meta.sheets.weights;
  const address = WEIGHTS_LAYOUT.policyCell;
  return [
    {
      sheet,
      address,
      row: Number(address.slice(1)),
      column: "Missing scores",
      agreementId: "",
      repairable: true,
      message: `${sheet}!${address} says ${JSON.stringify(shown)} but the scorecard's formulas apply the missing-score policy "${meta.missingPolicy}", which is chosen when the scorecard is created; typing in this cell changes nothing. "Repair formulas" on the Results tab writes "${meta.missingPolicy}" back.`,
    },
  ];
}

/** The Results sheet was deleted (a renamed one is found by its headers). */
export function resultsMissing(meta: ScorecardMeta): CellIssue {
  return {
    sheet: meta.sheets.results,
    address: "A1",
    row: 1,
    column: "Position",
    agreementId: "",
    message: `The sheet "${meta.sheets.results}" that holds the sorted ranking and the charts is gone, so agreements cannot be added until it is back. Undo its deletion, or restore it from a saved copy; the Scorecard's own scores and ranks are not affected.`,
  };
}
