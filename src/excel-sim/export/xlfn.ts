/**
 * File-format names of functions: in an .xlsx, functions added after Excel 2007 are stored with
 * the `_xlfn.` prefix (`_xlfn.RANK.EQ`, `_xlfn.STDEV.S`; a few also with `_xlws.`). Excel shows
 * them without it; LibreOffice shows #NAME? when the prefix is missing (docs/architecture.md §3).
 */
import { rewriteTokens } from "../formula/rewrite";
import { canonicalFunctionName } from "../formula/parser";
import { fileText } from "../formula/structured";

/** Functions that Excel 2010 and later store with `_xlfn.` (Microsoft, "Issue: An _xlfn. prefix is displayed"). */
const FUTURE_FUNCTIONS = new Set(
  `ACOT ACOTH AGGREGATE ARABIC BASE BETA.DIST BETA.INV BINOM.DIST BINOM.DIST.RANGE BINOM.INV BITAND
  BITLSHIFT BITOR BITRSHIFT BITXOR BYCOL BYROW CEILING.MATH CEILING.PRECISE CHISQ.DIST CHISQ.DIST.RT
  CHISQ.INV CHISQ.INV.RT CHISQ.TEST CHOOSECOLS CHOOSEROWS COMBINA CONCAT CONFIDENCE.NORM CONFIDENCE.T
  COT COTH COVARIANCE.P COVARIANCE.S CSC CSCH DAYS DECIMAL DROP ECMA.CEILING ENCODEURL ERF.PRECISE
  ERFC.PRECISE EXPAND EXPON.DIST F.DIST F.DIST.RT F.INV F.INV.RT F.TEST FILTERXML FLOOR.MATH
  FLOOR.PRECISE FORECAST.ETS FORECAST.ETS.CONFINT FORECAST.ETS.SEASONALITY FORECAST.ETS.STAT
  FORECAST.LINEAR FORMULATEXT GAMMA GAMMA.DIST GAMMA.INV GAMMALN.PRECISE GAUSS HSTACK HYPGEOM.DIST
  IFNA IFS IMCOSH IMCOT IMCSC IMCSCH IMSEC IMSECH IMSINH IMTAN ISFORMULA ISO.CEILING ISOMITTED
  ISOWEEKNUM LAMBDA LET LOGNORM.DIST LOGNORM.INV MAKEARRAY MAP MAXIFS MINIFS MODE.MULT MODE.SNGL
  MUNIT NEGBINOM.DIST NETWORKDAYS.INTL NORM.DIST NORM.INV NORM.S.DIST NORM.S.INV NUMBERVALUE PDURATION
  PERCENTILE.EXC PERCENTILE.INC PERCENTRANK.EXC PERCENTRANK.INC PERMUTATIONA PHI POISSON.DIST
  QUARTILE.EXC QUARTILE.INC RANDARRAY RANK.AVG RANK.EQ REDUCE RRI SCAN SEC SECH SEQUENCE SHEET SHEETS
  SINGLE SKEW.P SORTBY STDEV.P STDEV.S SWITCH T.DIST T.DIST.2T T.DIST.RT T.INV T.INV.2T T.TEST TAKE
  TEXTAFTER TEXTBEFORE TEXTJOIN TEXTSPLIT TOCOL TOROW UNICHAR UNICODE UNIQUE VALUETOTEXT ARRAYTOTEXT
  VAR.P VAR.S VSTACK WEBSERVICE WEIBULL.DIST WORKDAY.INTL WRAPCOLS WRAPROWS XLOOKUP XMATCH XOR`.split(/\s+/),
);

/** Functions Excel stores with both prefixes. */
const WORKSHEET_FUNCTIONS = new Set(["FILTER", "SORT"]);

/** A cheap first look: most formulas call none of these, and need no tokenizing. */
const MAY_NEED_PREFIX = new RegExp(
  `(?:^|[^A-Za-z0-9_.])(?:${[...FUTURE_FUNCTIONS, ...WORKSHEET_FUNCTIONS]
    .map((n) => n.replace(/\./g, "\\."))
    .join("|")})\\s*\\(`,
  "i",
);

/** The prefix a function needs in a file ("" for functions Excel 2007 already had). */
export function filePrefix(name: string): string {
  const n = canonicalFunctionName(name);
  if (WORKSHEET_FUNCTIONS.has(n)) return "_xlfn._xlws.";
  return FUTURE_FUNCTIONS.has(n) ? "_xlfn." : "";
}

/**
 * A formula as stored in a file: without the leading "=", with `_xlfn.` prefixes added where they
 * are missing, and structured references in the file's form (the table named, `@` as
 * `[#This Row]`: `[@Col]` → `Table1[[#This Row],[Col]]`, as Excel writes them). `tableAt` names
 * the table holding the formula (for table-less references). Strings, sheet names and defined
 * names are left untouched. A formula the tokenizer cannot read is returned unchanged (minus "=").
 */
export function fileFormula(formula: string, tableAt?: () => string | undefined): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  if (!MAY_NEED_PREFIX.test(body) && !body.includes("[")) return body;
  // Given with its "=" (and the "=" taken off after), so that a body that itself starts with "="
  // is read as it stands.
  return rewriteTokens(`=${body}`, (t) => {
    let text: string | null = null;
    if (t.type === "sref") {
      const table = t.sref!.table ?? tableAt?.();
      if (table !== undefined) text = fileText(t.sref!, t.text, table);
    } else if (t.type === "func") {
      const written = body.slice(t.start, t.end);
      if (written.toUpperCase() !== canonicalFunctionName(written)) return null; // already prefixed
      const prefix = filePrefix(written);
      if (prefix) text = prefix + written.toUpperCase();
    }
    return text === t.text ? null : text;
  }).slice(1);
}
