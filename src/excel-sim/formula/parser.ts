/**
 * Recursive-descent parser for Excel formulas, with Excel's operator precedence:
 *   comparison (= <> < > <= >=)  <  &  <  + -  <  * /  <  ^  <  %  <  unary -/+  <  reference
 * All binary operators are left-associative (2^3^2 = 64 in Excel). Unary minus binds tighter
 * than ^ (-2^2 = 4 in Excel).
 */
import type { CellValue, ErrorCode } from "../model/types";
import { errorFromCode } from "../model/types";
import { FormulaSyntaxError, type RefToken, type StructuredRef, type Token, tokenize } from "./tokenizer";

export type Node =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "bool"; v: boolean }
  | { k: "err"; v: ErrorCode }
  | { k: "ref"; ref: RefToken }
  | { k: "sref"; sref: StructuredRef }
  | { k: "name"; name: string }
  | { k: "fn"; name: string; raw: string; args: Node[] }
  | { k: "un"; op: "-" | "+" | "%"; x: Node }
  | { k: "bin"; op: string; l: Node; r: Node }
  | { k: "arr"; rows: CellValue[][] }
  | { k: "missing" };

/** Strips Excel's file-format prefixes for newer functions: _xlfn. / _xlws. / _xludf. */
export function canonicalFunctionName(name: string): string {
  let n = name.toUpperCase();
  for (;;) {
    if (n.startsWith("_XLFN.")) n = n.slice(6);
    else if (n.startsWith("_XLWS.")) n = n.slice(6);
    else break;
  }
  return n;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  private next(): Token {
    const t = this.toks[this.i++];
    if (!t) throw new FormulaSyntaxError("Unexpected end of formula");
    return t;
  }

  private isOp(t: Token | undefined, ...ops: string[]): boolean {
    return !!t && t.type === "op" && ops.includes(t.value ?? "");
  }

  parse(): Node {
    const node = this.comparison();
    if (this.i < this.toks.length) throw new FormulaSyntaxError(`Unexpected '${this.toks[this.i].text}'`);
    return node;
  }

  // Excel's binary operators, loosest first; each level is left-associative (2^3^2 is 64).
  private comparison(): Node {
    return this.leftAssociative(["=", "<>", "<", ">", "<=", ">="], () => this.concat());
  }

  private concat(): Node {
    return this.leftAssociative(["&"], () => this.additive());
  }

  private additive(): Node {
    return this.leftAssociative(["+", "-"], () => this.multiplicative());
  }

  private multiplicative(): Node {
    return this.leftAssociative(["*", "/"], () => this.power());
  }

  private power(): Node {
    return this.leftAssociative(["^"], () => this.percent());
  }

  /** operand (op operand)*, folded to the left, for the operators `ops` of one precedence level. */
  private leftAssociative(ops: string[], operand: () => Node): Node {
    let l = operand();
    while (this.isOp(this.peek(), ...ops)) {
      const op = this.next().value as string;
      l = { k: "bin", op, l, r: operand() };
    }
    return l;
  }

  private percent(): Node {
    let x = this.unary();
    while (this.isOp(this.peek(), "%")) {
      this.next();
      x = { k: "un", op: "%", x };
    }
    return x;
  }

  private unary(): Node {
    const t = this.peek();
    if (this.isOp(t, "-", "+")) {
      this.next();
      return { k: "un", op: t!.value as "-" | "+", x: this.unary() };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.next();
    switch (t.type) {
      case "num":
        return { k: "num", v: t.num as number };
      case "str":
        return { k: "str", v: t.value as string };
      case "bool":
        return { k: "bool", v: t.value === "TRUE" };
      case "err":
        return { k: "err", v: t.value as ErrorCode };
      case "ref":
        return { k: "ref", ref: t.ref as RefToken };
      case "sref":
        return { k: "sref", sref: t.sref as StructuredRef };
      case "name":
        return { k: "name", name: t.value as string };
      case "func":
        return this.call(t);
      case "lparen": {
        const inner = this.comparison();
        const close = this.next();
        if (close.type === "comma")
          throw new FormulaSyntaxError("Reference unions (A1,B1) are not supported by excel-sim");
        if (close.type !== "rparen") throw new FormulaSyntaxError("Expected )");
        return inner;
      }
      case "lbrace":
        return this.arrayConst();
      default:
        throw new FormulaSyntaxError(`Unexpected '${t.text}'`);
    }
  }

  private call(t: Token): Node {
    const open = this.next();
    if (open.type !== "lparen") throw new FormulaSyntaxError("Expected (");
    const args: Node[] = [];
    if (this.peek()?.type === "rparen") {
      this.next();
      return { k: "fn", name: canonicalFunctionName(t.value as string), raw: t.text, args };
    }
    for (;;) {
      const p = this.peek();
      if (p && (p.type === "comma" || p.type === "rparen")) {
        args.push({ k: "missing" });
      } else {
        args.push(this.comparison());
      }
      const sep = this.next();
      if (sep.type === "comma") continue;
      if (sep.type === "rparen") break;
      throw new FormulaSyntaxError(`Expected , or ) but found '${sep.text}'`);
    }
    if (args.length > 255) throw new FormulaSyntaxError("Too many arguments");
    return { k: "fn", name: canonicalFunctionName(t.value as string), raw: t.text, args };
  }

  private arrayConst(): Node {
    const rows: CellValue[][] = [[]];
    for (;;) {
      let t = this.next();
      let neg = false;
      if (t.type === "op" && (t.value === "-" || t.value === "+")) {
        neg = t.value === "-";
        t = this.next();
      }
      let v: CellValue;
      if (t.type === "num") v = neg ? -(t.num as number) : (t.num as number);
      else if (t.type === "str" && !neg) v = t.value as string;
      else if (t.type === "bool" && !neg) v = t.value === "TRUE";
      else if (t.type === "err" && !neg) v = errorFromCode(t.value as string) ?? null;
      else throw new FormulaSyntaxError("Array constants may hold only numbers, text, booleans or errors");
      rows[rows.length - 1].push(v);
      const sep = this.next();
      if (sep.type === "comma") continue;
      if (sep.type === "semicolon") {
        rows.push([]);
        continue;
      }
      if (sep.type === "rbrace") break;
      throw new FormulaSyntaxError("Bad array constant");
    }
    const w = rows[0].length;
    if (rows.some((r) => r.length !== w))
      throw new FormulaSyntaxError("Array constant rows differ in length");
    return { k: "arr", rows };
  }
}

/** Parses formula text with or without the leading "=". Throws FormulaSyntaxError. */
export function parseFormula(formula: string): Node {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  if (!body.trim()) throw new FormulaSyntaxError("Empty formula");
  return new Parser(tokenize(body)).parse();
}

/** Every function name used by a formula (canonical, upper case). */
export function functionNames(node: Node, out = new Set<string>()): Set<string> {
  switch (node.k) {
    case "fn":
      out.add(node.name);
      node.args.forEach((a) => functionNames(a, out));
      break;
    case "un":
      functionNames(node.x, out);
      break;
    case "bin":
      functionNames(node.l, out);
      functionNames(node.r, out);
      break;
    default:
      break;
  }
  return out;
}
