/**
 * The tables of the Sensitivity sheet below the rank acceptabilities, pure: central weights and
 * one-at-a-time intervals, per criterion and, on a two-level scorecard (issue 16), per indicator on
 * the global weights. Each is a block of cells stacked under the previous one after a blank row;
 * on a two-level scorecard each block's first cell says which level it holds. A flat scorecard's
 * blocks are exactly those it always had.
 */
import { everFirst, rankChanges, type OneAtATimeResult, type SmaaResult } from "../../scoring";
import { asText } from "../contract/userText";

type Cell = string | number;

/** Shown instead of central weights and a confidence factor for an agreement that is never first. */
export const NEVER_FIRST = "never first";

/** A table and which of its columns (from the second, below the header row) show percents. */
export interface SensitivityBlock {
  values: Cell[][];
  percentColumns: number;
  /** Central weights are as wide as the analysis; the sheet's chart goes right of the widest. */
  central: boolean;
}

/** The indicator level of a run: what the analyses weighed on a two-level scorecard. */
export interface LeafLevel {
  /** The leaves: "Criterion / Indicator", or the name of a criterion scored directly. */
  names: string[];
  /** Agreements × leaves (the run's own central weights), rows in the run's agreement order. */
  centralWeights: number[][];
  /** One-at-a-time on the leaves' global weights, when it covers the run's agreements. */
  oneAtATime?: OneAtATimeResult;
}

/** The labels of each level's blocks: the flat sheet's, or both levels named. */
const LABELS = {
  flat: { central: "Central weights", oat: "Criterion" },
  criteria: { central: "Central weights by criterion", oat: "Criterion" },
  leaves: { central: "Central weights by indicator (global weights)", oat: "Indicator (global weight)" },
};

function centralBlock(
  label: string,
  agreements: string[],
  columns: string[],
  weights: number[][],
  smaa: SmaaResult,
) {
  const values: Cell[][] = [
    [label, ...columns.map(asText)],
    ...agreements.map((name, i) =>
      everFirst(smaa, i)
        ? [asText(name), ...weights[i]]
        : [asText(name), NEVER_FIRST, ...columns.slice(1).map(() => "")],
    ),
  ];
  return { values, percentColumns: columns.length, central: true };
}

function oatBlock(label: string, rows: string[], oat: OneAtATimeResult): SensitivityBlock {
  const values: Cell[][] = [
    [label, "Current weight", "Leader stays first from", "to", "Rank swaps"],
    ...oat.criteria.map((c) => [
      asText(rows[c.criterionIndex]),
      c.current,
      c.leaderInterval.lo,
      c.leaderInterval.hi,
      rankChanges(c).length,
    ]),
  ];
  return { values, percentColumns: 3, central: false };
}

/**
 * The blocks in sheet order: central weights per criterion, then per indicator; one-at-a-time per
 * criterion, then per indicator (each only when the run carries it).
 */
export function sensitivityBlocks(
  agreements: string[],
  criteria: string[],
  smaa: SmaaResult,
  oneAtATime: OneAtATimeResult | undefined,
  leaves: LeafLevel | undefined,
): SensitivityBlock[] {
  const label = leaves ? LABELS.criteria : LABELS.flat;
  const blocks = [centralBlock(label.central, agreements, criteria, smaa.centralWeights, smaa)];
  if (leaves)
    blocks.push(centralBlock(LABELS.leaves.central, agreements, leaves.names, leaves.centralWeights, smaa));
  if (oneAtATime) blocks.push(oatBlock(label.oat, criteria, oneAtATime));
  if (leaves?.oneAtATime) blocks.push(oatBlock(LABELS.leaves.oat, leaves.names, leaves.oneAtATime));
  return blocks;
}
