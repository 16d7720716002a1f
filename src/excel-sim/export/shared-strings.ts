/**
 * The workbook's shared string table (xl/sharedStrings.xml): each distinct text of the cells once,
 * cells pointing at it by index (t="s"), as Excel writes text. Formula results are written in
 * their cells (t="str"), as Excel and exceljs do.
 */
import { escText, XML_DECL } from "./xml";

export class SharedStrings {
  private indexes = new Map<string, number>();
  /** Cells that refer to the table (a text used twice counts twice). */
  private uses = 0;

  indexOf(text: string): number {
    this.uses++;
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.indexes.size;
      this.indexes.set(text, index);
    }
    return index;
  }

  xml(): string {
    const items: string[] = [];
    for (const text of this.indexes.keys()) {
      // Leading, trailing and line-break white space is kept only where the element says so.
      const space = /^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : "";
      items.push(`<si><t${space}>${escText(text)}</t></si>`);
    }
    return (
      `${XML_DECL}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
      `count="${this.uses}" uniqueCount="${this.indexes.size}">${items.join("")}</sst>`
    );
  }
}
