/**
 * The simulated workbook as a plain grid: sheet tabs, a formula bar and the used range with the
 * computed values in their number formats. Editing goes through excel-sim's userEdit, as typing in
 * Excel would: data validation, protection and change events apply, so the pane follows.
 */
import React, { useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  Caption1,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  tokens,
} from "@fluentui/react-components";
import type { SimWorkbook } from "../excel-sim";
import { VisuallyHidden } from "../taskpane/components/VisuallyHidden";
import { Chart } from "./Charts";
import { cellStyles } from "./cellStyles";
import { useSimVersion } from "./useSim";

/** Blank rows and columns shown beyond the used range, room to type new data. */
const MARGIN_ROWS = 3;
const MARGIN_COLUMNS = 1;
const MAX_ROWS = 500;
const MAX_COLUMNS = 60;
const ROW_HEADER_WIDTH = 36;

/** What the column letters and the row numbers share: Excel's grey, a thin grid line, a little room. */
const HEADING = {
  backgroundColor: tokens.colorNeutralBackground3,
  fontWeight: tokens.fontWeightRegular,
  color: tokens.colorNeutralForeground3,
  borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  padding: "0 4px",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0, minHeight: 0 },
  bar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  address: { minWidth: "4em", fontFamily: tokens.fontFamilyMonospace },
  formula: { flexGrow: 1, fontFamily: tokens.fontFamilyMonospace },
  scroller: {
    overflow: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    maxHeight: "60vh",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Separate borders (right and bottom of each cell): with collapsed borders, the cells' text shows
  // through at the edge of a sticky header cell as the grid scrolls.
  table: {
    borderCollapse: "separate",
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    tableLayout: "fixed",
  },
  // The column letters and row numbers stay in view while the grid scrolls; each paints over the
  // cells that slide beneath it (and the corner over both), with an opaque background.
  header: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    ...HEADING,
    // Centred, as in Excel: a wide column scrolled half out of view still shows its letter.
    textAlign: "center",
  },
  // A grouped column (Range.group "ByColumns") is marked by a bar over its letter: where Excel
  // draws the outline bracket. The preview has no outline buttons.
  grouped: { borderTop: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralForeground3}` },
  rowHeader: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    ...HEADING,
    textAlign: "right",
  },
  corner: { left: 0, zIndex: 3 },
  cell: {
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    padding: "1px 4px",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    cursor: "cell",
    height: "20px",
  },
  number: { textAlign: "right" },
  formulaCell: { color: tokens.colorBrandForeground1 },
  /** A label centred across the cells to its right (Center Across Selection): the header band. */
  centred: { textAlign: "center" },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  charts: { display: "flex", flexWrap: "wrap", alignItems: "flex-start", gap: tokens.spacingHorizontalM },
});

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** "B3:D9" → last row and column (0-based). */
function usedExtent(address: string | null): { rows: number; columns: number } {
  if (address === null) return { rows: 0, columns: 0 };
  const end = address.includes(":") ? address.split(":")[1] : address;
  const match = /^([A-Z]+)(\d+)$/.exec(end.replace(/\$/g, ""));
  if (!match) return { rows: 0, columns: 0 };
  const columns = [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { rows: Number(match[2]), columns };
}

export function Workbook({ sim }: { sim: SimWorkbook }) {
  const version = useSimVersion(sim);
  const styles = useStyles();
  const sheets = sim.inspect.sheets().filter((s) => s.visibility === "Visible");
  const activeName = sheets.find((s) => s.active)?.name ?? sheets[0]?.name ?? "";
  const [chosen, setChosen] = useState<string | null>(null);
  const sheet = chosen !== null && sheets.some((s) => s.name === chosen) ? chosen : activeName;
  const [selected, setSelected] = useState<{ row: number; column: number }>({ row: 0, column: 0 });
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const formulaRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLTableElement>(null);

  const extent = usedExtent(sheet ? sim.inspect.usedRange(sheet) : null);
  const rows = Math.min(MAX_ROWS, Math.max(10, extent.rows + MARGIN_ROWS));
  const columns = Math.min(MAX_COLUMNS, Math.max(6, extent.columns + MARGIN_COLUMNS));
  const range = `A1:${columnName(columns - 1)}${rows}`;
  // Read again whenever the workbook changes (`version` counts its changes) or the sheet does.
  const { texts, values, formulas, widths, outline, highlights } = useMemo(() => {
    const values = sheet ? sim.inspect.values(sheet, range) : [];
    return {
      texts: sheet ? sim.inspect.texts(sheet, range) : [],
      values,
      formulas: sheet ? sim.inspect.formulas(sheet, range) : [],
      // A hidden column (Range.columnHidden) is drawn as width 0, like Excel.
      widths: Array.from({ length: columns }, (_, c) => {
        if (!sheet) return 48;
        const hidden = sim.inspect
          .model()
          .sheets.find((s) => s.name === sheet)
          ?.hiddenColumns.has(c);
        return hidden ? 0 : sim.inspect.columnWidth(sheet, columnName(c));
      }),
      outline: Array.from({ length: columns }, (_, c) =>
        sheet ? sim.inspect.columnOutlineLevel(sheet, c) : 0,
      ),
      // Fills, fonts and centred labels as Excel draws them (cellStyles.ts).
      highlights: cellStyles(sim, sheet, range, values, (r, c) => `${columnName(c)}${r + 1}`),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sim, sheet, range, columns, version]);
  const charts = sheet ? sim.inspect.charts(sheet) : [];
  // The sheet's column widths (points) in px, within limits so one wide column cannot fill the view.
  const columnWidths = widths.map((w) =>
    w === 0 ? 0 : Math.round(Math.max(36, Math.min(260, (w * 4) / 3))),
  );
  const tableWidth = columnWidths.reduce((sum, w) => sum + w, ROW_HEADER_WIDTH);

  const address = `${columnName(selected.column)}${selected.row + 1}`;
  const content = String(formulas[selected.row]?.[selected.column] ?? "");

  useEffect(() => setDraft(null), [sheet, selected.row, selected.column]);

  const commit = (move: number) => {
    if (draft !== null && draft !== content) {
      const result = sim.userEdit(sheet, address, draft);
      setProblem(result.ok ? null : result.message);
      if (!result.ok) return;
    }
    setDraft(null);
    if (move !== 0)
      setSelected((s) => ({ row: Math.max(0, Math.min(rows - 1, s.row + move)), column: s.column }));
    gridRef.current?.focus();
  };

  const onGridKey = (event: React.KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Enter: [1, 0],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setSelected((s) => ({
        row: Math.max(0, Math.min(rows - 1, s.row + move[0])),
        column: Math.max(0, Math.min(columns - 1, s.column + move[1])),
      }));
    } else if (event.key === "F2") {
      event.preventDefault();
      formulaRef.current?.focus();
    } else if (event.key === "Delete") {
      const result = sim.userEdit(sheet, address, "");
      setProblem(result.ok ? null : result.message);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setDraft(event.key);
      formulaRef.current?.focus();
    }
  };

  return (
    <section className={styles.root} aria-label="Simulated workbook">
      <TabList
        size="small"
        selectedValue={sheet}
        onTabSelect={(_, d) => setChosen(String(d.value))}
        aria-label="Sheets"
      >
        {sheets.map((s) => (
          <Tab key={s.id} value={s.name}>
            {s.name}
          </Tab>
        ))}
      </TabList>
      <div className={styles.bar}>
        <Caption1 className={styles.address} aria-live="polite">
          {address}
        </Caption1>
        <Input
          ref={formulaRef}
          className={styles.formula}
          aria-label={`Contents of ${sheet}!${address}`}
          value={draft ?? content}
          onChange={(_, d) => setDraft(d.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit(1);
            if (e.key === "Escape") {
              setDraft(null);
              gridRef.current?.focus();
            }
          }}
        />
        <Button size="small" disabled={draft === null} onClick={() => commit(0)}>
          Enter
        </Button>
      </div>
      {problem !== null && (
        <MessageBar intent="warning">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.scroller}>
        <table
          ref={gridRef}
          className={styles.table}
          // A fixed table layout honours the column widths only when the table's own width is set.
          style={{ width: tableWidth }}
          role="grid"
          aria-label={`Sheet ${sheet}`}
          aria-rowcount={rows}
          aria-colcount={columns}
          tabIndex={0}
          onKeyDown={onGridKey}
          aria-activedescendant={`cell-${address}`}
        >
          <colgroup>
            <col style={{ width: ROW_HEADER_WIDTH }} />
            {columnWidths.map((w, c) => (
              <col key={c} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className={mergeClasses(styles.header, styles.corner)} scope="col">
                <VisuallyHidden>Row</VisuallyHidden>
              </th>
              {widths.map((w, c) => (
                <th
                  key={c}
                  className={mergeClasses(styles.header, outline[c] > 0 && styles.grouped)}
                  scope="col"
                  hidden={w === 0}
                  title={outline[c] > 0 ? `Grouped (outline level ${outline[c]})` : undefined}
                >
                  {columnName(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th className={styles.rowHeader} scope="row">
                  {r + 1}
                </th>
                {widths.map((w, c) => {
                  if (highlights.covered.has(`${r}:${c}`)) return null;
                  const span = highlights.spans.get(`${r}:${c}`);
                  const value = values[r]?.[c];
                  const isFormula = String(formulas[r]?.[c] ?? "").startsWith("=");
                  const classes = [
                    styles.cell,
                    typeof value === "number" ? styles.number : "",
                    isFormula ? styles.formulaCell : "",
                    span ? styles.centred : "",
                    r === selected.row && c === selected.column ? styles.selected : "",
                  ].join(" ");
                  return (
                    <td
                      key={c}
                      id={`cell-${columnName(c)}${r + 1}`}
                      role="gridcell"
                      aria-selected={r === selected.row && c === selected.column}
                      hidden={w === 0}
                      className={classes}
                      title={texts[r]?.[c] || undefined}
                      colSpan={span}
                      style={highlights.styles.get(`${r}:${c}`)}
                      onClick={() => setSelected({ row: r, column: c })}
                      onDoubleClick={() => {
                        setSelected({ row: r, column: c });
                        setTimeout(() => formulaRef.current?.focus(), 0);
                      }}
                    >
                      {texts[r]?.[c] ?? ""}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {charts.length > 0 && (
        <div className={styles.charts}>
          {charts.map((chart) => (
            <Chart key={chart.id} chart={chart} />
          ))}
        </div>
      )}
    </section>
  );
}
