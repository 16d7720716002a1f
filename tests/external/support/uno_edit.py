#!/usr/bin/python3
"""Edits .xlsx workbooks in a real LibreOffice as a user would, then reports what its cells show.

Run with Debian's /usr/bin/python3 (python3-uno provides `import uno`); no third-party packages.

    /usr/bin/python3 uno_edit.py JOBS.json

JOBS.json is {"jobs": [JOB, ...]} and each JOB is
    {"file": "/abs/in.xlsx", "ops": [OP, ...], "read": [READ, ...], "save": "/abs/out.xlsx" (optional)}

One headless soffice (private profile in a fresh temporary directory, named pipe unique to this
run) serves every job in turn; it is always terminated at the end, killed if it will not go.
For each job the file is loaded, recalculated, edited by OPs in order, recalculated hard
(calculateAll), read, optionally saved as .xlsx, and closed unsaved. Stdout gets one JSON object:
    {"jobs": [{"file": ..., "reads": [{"sheet", "range", "values", "formulas"?}, ...]}, ...]}
Values are numbers, strings ("" for an empty cell or a formula's ""), or for a formula error the
text the cell shows ("#REF!", "#NAME?", "Err:502" ...). Formulas are as LibreOffice shows them
with English function names and "," separators, sheet references rewritten to Excel's Sheet!A1;
"" for a cell without one. Any failure prints "uno_edit: <what and where>" to stderr and
exits 1 (2 when python3-uno is missing).

Cells and ranges are A1 strings ("H1:H11", "B7"); sheet columns are letters; rows are 1-based.
A "table" key instead of "range" means the whole area of that table (LibreOffice imports an
.xlsx table as a database range of the same name), header row included.

OPs (each as an Excel user does it):
  insertColumns {sheet, before: "H", count=1}          insert whole sheet columns
  deleteColumns {sheet, column: "D", count=1}          delete whole sheet columns
  insertCells   {sheet, range|table+column, shift: "right"|"down"}
                 insert cells into just that range: a TABLE column in Excel ({table, column: "H"}
                 inserts H<top>:H<bottom> of the table and shifts only the table's rows right;
                 the new header stays empty, where Excel would name it Column1)
  deleteCells   {sheet, range|table+column, shift: "left"|"up"}   (a table column deleted)
  insertRows    {sheet, before: 1, count=1}            insert whole rows
  deleteRows    {sheet, row: 5, count=1}               delete whole rows
  sort          {sheet, range|table, column: "B" | header: "Agreement", descending=false,
                 hasHeader=true}                       Data > Sort on one key
  renameSheet   {sheet, to}
  setValue      {sheet, cell, value: number|string}   a paste: no data validation applies
  setFormula    {sheet, cell, formula: "=..."}         typed in Excel syntax (English names, ",")
  typeRow       {sheet, table, values: [...]}          types a row right below the table, values
                 from the table's first column on (null leaves a cell alone); like Excel's table
                 auto-expansion the table grows by the row, and each column whose cell above holds
                 a formula and whose value is null gets that formula filled down (a calculated
                 column). Set "expand": false to type below the table and nothing more.
  moveColumn    {sheet, column: "I", before: "F"}      cut a whole column and insert the cut cells
                 before another: insert an empty column there, move the cells into it (references
                 to them follow), delete the emptied column
READs:
  {sheet, range?: "A1:M20", formulas=false}            no range: the sheet's used area from A1
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
    from com.sun.star.sheet.CellDeleteMode import LEFT as DELETE_LEFT, UP as DELETE_UP
    from com.sun.star.sheet.CellInsertMode import RIGHT as INSERT_RIGHT, DOWN as INSERT_DOWN
    from com.sun.star.table import CellRangeAddress, TableSortField
    from com.sun.star.table.CellContentType import FORMULA as CONTENT_FORMULA
except ImportError as e:  # pragma: no cover - depends on the machine
    sys.stderr.write(
        f"uno_edit: cannot import the LibreOffice Python bridge ({e}); install it: apt-get install -y python3-uno\n"
    )
    sys.exit(2)

# com.sun.star.sheet.FormulaResult.ERROR
FORMULA_RESULT_ERROR = 4
# com.sun.star.sheet.CellFlags.FORMULA
CELL_FLAGS_FORMULA = 16
CONNECT_TIMEOUT_S = 90


class Failure(Exception):
    """A job or operation that cannot be done; the message says which and why."""


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def column_index(letters):
    n = 0
    for ch in letters.upper():
        if not "A" <= ch <= "Z":
            raise Failure(f"not a column: {letters!r}")
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_letters(index):
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


def a1(addr):
    """A CellRangeAddress as an A1 string."""
    return (
        f"{column_letters(addr.StartColumn)}{addr.StartRow + 1}:"
        f"{column_letters(addr.EndColumn)}{addr.EndRow + 1}"
    )


# --- soffice ----------------------------------------------------------------------------------


def write_profile(profile_dir):
    """A private profile: Excel files always recalculated on load; sorting like Excel (formulas are
    moved like copied cells; references to other cells are not updated); formulas typed as in
    English Excel (English function names, "," between arguments)."""
    user = os.path.join(profile_dir, "user")
    os.makedirs(user, exist_ok=True)

    def item(path, name, value):
        return (
            f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
            f"<value>{value}</value></prop></item>"
        )

    items = [
        item("/org.openoffice.Office.Calc/Formula/Load", "OOXMLRecalcMode", 0),
        item("/org.openoffice.Office.Calc/Formula/Load", "ODFRecalcMode", 0),
        item("/org.openoffice.Office.Calc/Input", "UpdateReferenceOnSort", "false"),
        item("/org.openoffice.Office.Calc/Formula/Syntax", "Grammar", 1),  # Excel A1
        item("/org.openoffice.Office.Calc/Formula/Syntax", "EnglishFunctionName", "true"),
        item("/org.openoffice.Office.Calc/Formula/Syntax", "SeparatorArg", ","),
        item("/org.openoffice.Office.Calc/Formula/Syntax", "SeparatorArrayCol", ","),
        item("/org.openoffice.Office.Calc/Formula/Syntax", "SeparatorArrayRow", ";"),
    ]
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            + "\n".join(items)
            + "\n</oor:items>\n"
        )


class Office:
    """A headless soffice of our own, reached over a named pipe; a context manager that always
    terminates it (and its process group) on the way out."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="as-uno-")
        self.pipe = f"as_uno_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.proc = None
        self.desktop = None

    def __enter__(self):
        try:
            return self._start()
        except BaseException:
            self.__exit__()
            raise

    def _start(self):
        binary = shutil.which("soffice") or "/usr/bin/soffice"
        profile = os.path.join(self.dir, "profile")
        write_profile(profile)
        self.proc = subprocess.Popen(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--invisible",
                "--norestore",
                "--nolockcheck",
                "--nodefault",
                "--nologo",
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so that every child can be ended
        )
        # A watchdog ends that group if this script dies without cleaning up (e.g. SIGKILL).
        subprocess.Popen(
            [
                "/bin/sh",
                "-c",
                f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; kill -9 -{self.proc.pid} 2>/dev/null;"
                f" sleep 1; rm -rf '{self.dir}'",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        url = f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
        deadline = time.monotonic() + CONNECT_TIMEOUT_S
        while True:
            try:
                ctx = resolver.resolve(url)
                break
            except NoConnectException:
                # A brand-new profile makes soffice restart once (exit 81, oosplash restarts it);
                # any other exit before it answers is a failure.
                code = self.proc.poll()
                if code is not None and code != 81:
                    raise Failure(f"soffice exited with code {code} before it answered on pipe {self.pipe}")
                if time.monotonic() > deadline:
                    raise Failure(f"soffice did not answer on pipe {self.pipe} within {CONNECT_TIMEOUT_S} s")
                time.sleep(0.2)
        self.ctx = ctx
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        return self

    def __exit__(self, *exc):
        try:
            if self.desktop is not None:
                self.desktop.terminate()
        except Exception:
            pass  # the bridge drops as soffice quits
        if self.proc is not None:
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
            # oosplash may leave soffice.bin behind in the group: end whatever is left of it.
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
        return False


# --- operations -------------------------------------------------------------------------------


def sheet_of(doc, name):
    sheets = doc.Sheets
    if not sheets.hasByName(name):
        raise Failure(f"no sheet {name!r} (sheets: {', '.join(sheets.ElementNames)})")
    return sheets.getByName(name)


def table_area(doc, name):
    ranges = doc.DatabaseRanges
    if not ranges.hasByName(name):
        raise Failure(f"no table {name!r} (tables: {', '.join(ranges.ElementNames)})")
    return ranges.getByName(name).DataArea


def area_of(doc, sheet, op):
    """The CellRangeAddress an op names: "range", "table", or "table" + "column"."""
    if "table" in op:
        area = table_area(doc, op["table"])
        if "column" in op:
            c = column_index(op["column"])
            if not area.StartColumn <= c <= area.EndColumn:
                raise Failure(f"column {op['column']} is outside table {op['table']} ({a1(area)})")
            area.StartColumn = area.EndColumn = c
        return area
    if "range" not in op:
        raise Failure("give a range or a table")
    return sheet.getCellRangeByName(op["range"]).RangeAddress


# Err:501 invalid character, 504 parameter list, 507 missing pair, 508 missing bracket, 509 missing
# operator, 510/511 missing variable, 512 formula overflow, 516/517 internal syntax, 525 #NAME?:
# what a formula that LibreOffice could not read shows as soon as it is set.
PARSE_ERRORS = {501, 504, 507, 508, 509, 510, 511, 512, 516, 517, 525}


def set_formula(cell, formula):
    """Types an Excel-syntax formula into a cell (FormulaLocal, with the profile's English function
    names and "," separators; sheet references as Sheet!A1, tables as Table[Column]). LibreOffice
    quietly closes a missing parenthesis; any other formula it cannot read is an error."""
    cell.FormulaLocal = formula
    if cell.getError() in PARSE_ERRORS:
        raise Failure(f"LibreOffice cannot read the formula {formula!r} (Err:{cell.getError()})")


def op_sort(doc, sheet, op):
    area = area_of(doc, sheet, op)
    rng = sheet.getCellRangeByPosition(area.StartColumn, area.StartRow, area.EndColumn, area.EndRow)
    if "column" in op:
        field = column_index(op["column"]) - area.StartColumn
    elif "header" in op:
        headers = [str(h) for h in rng.getDataArray()[0]]
        if op["header"] not in headers:
            raise Failure(f"no header {op['header']!r} in {a1(area)} ({headers})")
        field = headers.index(op["header"])
    else:
        raise Failure("sort needs a column or a header")
    key = TableSortField()
    key.Field = field
    key.IsAscending = not op.get("descending", False)
    key.IsCaseSensitive = False
    desc = list(rng.createSortDescriptor())
    for p in desc:
        if p.Name == "SortFields":
            p.Value = uno.Any("[]com.sun.star.table.TableSortField", (key,))
        elif p.Name == "ContainsHeader":
            p.Value = op.get("hasHeader", True)
        elif p.Name == "IsSortColumns":
            p.Value = False  # rows are sorted (top to bottom)
    uno.invoke(rng, "sort", (uno.Any("[]com.sun.star.beans.PropertyValue", tuple(desc)),))


def op_type_row(doc, sheet, op):
    name = op["table"]
    area = table_area(doc, name)
    row = area.EndRow + 1
    values = op["values"]
    if len(values) > area.EndColumn - area.StartColumn + 1:
        raise Failure(f"{len(values)} values for the {area.EndColumn - area.StartColumn + 1} columns of {name}")
    expand = op.get("expand", True)
    for k in range(area.EndColumn - area.StartColumn + 1):
        col = area.StartColumn + k
        value = values[k] if k < len(values) else None
        if value is not None:
            set_value(sheet.getCellByPosition(col, row), value)
        elif expand and sheet.getCellByPosition(col, row - 1).getType() == CONTENT_FORMULA:
            # A calculated column fills itself in: copy the formula above (references adjust).
            source = CellRangeAddress(area.Sheet, col, row - 1, col, row - 1)
            sheet.copyRange(sheet.getCellByPosition(col, row).CellAddress, source)
    if expand:
        area.EndRow = row
        doc.DatabaseRanges.getByName(name).DataArea = area


def op_move_column(doc, sheet, op):
    src = column_index(op["column"])
    dst = column_index(op["before"])
    if dst in (src, src + 1):
        return  # already there
    columns = sheet.Columns
    columns.insertByIndex(dst, 1)
    if src >= dst:
        src += 1  # the insertion pushed the cut column one to the right
    last_row = sheet.Rows.Count - 1
    sheet.moveRange(
        sheet.getCellByPosition(dst, 0).CellAddress,
        CellRangeAddress(sheet.RangeAddress.Sheet, src, 0, src, last_row),
    )
    columns.removeByIndex(src, 1)


def set_value(cell, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise Failure(f"a value must be a number or a string, not {value!r}")
    if isinstance(value, str):
        cell.setString(value)  # as text, even "=x" or "12"
    else:
        cell.setValue(value)


def apply(doc, op):
    kind = op.get("op")
    sheet = sheet_of(doc, op["sheet"])
    count = op.get("count", 1)
    if kind == "insertColumns":
        sheet.Columns.insertByIndex(column_index(op["before"]), count)
    elif kind == "deleteColumns":
        sheet.Columns.removeByIndex(column_index(op["column"]), count)
    elif kind == "insertRows":
        sheet.Rows.insertByIndex(op["before"] - 1, count)
    elif kind == "deleteRows":
        sheet.Rows.removeByIndex(op["row"] - 1, count)
    elif kind == "insertCells":
        mode = {"right": INSERT_RIGHT, "down": INSERT_DOWN}[op.get("shift", "right")]
        sheet.insertCells(area_of(doc, sheet, op), mode)
    elif kind == "deleteCells":
        mode = {"left": DELETE_LEFT, "up": DELETE_UP}[op.get("shift", "left")]
        sheet.removeRange(area_of(doc, sheet, op), mode)
    elif kind == "sort":
        op_sort(doc, sheet, op)
    elif kind == "renameSheet":
        sheet.Name = op["to"]
    elif kind == "setValue":
        set_value(sheet.getCellRangeByName(op["cell"]), op["value"])
    elif kind == "setFormula":
        set_formula(sheet.getCellRangeByName(op["cell"]), op["formula"])
    elif kind == "typeRow":
        op_type_row(doc, sheet, op)
    elif kind == "moveColumn":
        op_move_column(doc, sheet, op)
    else:
        raise Failure(f"unknown op {kind!r}")


# --- reading ----------------------------------------------------------------------------------


def read(doc, spec):
    sheet = sheet_of(doc, spec["sheet"])
    if "range" in spec:
        rng = sheet.getCellRangeByName(spec["range"])
    else:
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.RangeAddress
        rng = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
    addr = rng.RangeAddress
    values = [list(r) for r in rng.getDataArray()]
    # getDataArray gives no text for an error: take what each erroneous cell shows.
    errors = rng.queryFormulaCells(FORMULA_RESULT_ERROR)
    for area in errors.RangeAddresses:
        for r in range(area.StartRow, area.EndRow + 1):
            for c in range(area.StartColumn, area.EndColumn + 1):
                values[r - addr.StartRow][c - addr.StartColumn] = sheet.getCellByPosition(c, r).getString()
    out = {"sheet": spec["sheet"], "range": a1(addr), "values": values}
    if spec.get("formulas"):
        formulas = [["" for _ in row] for row in values]
        for area in rng.queryContentCells(CELL_FLAGS_FORMULA).RangeAddresses:
            for r in range(area.StartRow, area.EndRow + 1):
                for c in range(area.StartColumn, area.EndColumn + 1):
                    text = sheet.getCellByPosition(c, r).FormulaLocal
                    formulas[r - addr.StartRow][c - addr.StartColumn] = excel_formula(text)
        out["formulas"] = formulas
    return out


# A Calc-style sheet reference ($Results.B2, $'My sheet'.$K:$K) outside string literals.
CALC_SHEET_REF = re.compile(r"(?<![\w.$])\$?('(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_]*)\.(?=\$?[A-Za-z]{1,3}(?:\$?\d|:))")


def excel_formula(text):
    """A formula as LibreOffice shows it (English names, "," separators from the profile) with its
    sheet references in Excel's form: $Results.B2 -> Results!B2."""
    parts = re.split(r'("(?:[^"]|"")*")', text)  # odd parts are string literals
    return "".join(p if i % 2 else CALC_SHEET_REF.sub(r"\1!", p) for i, p in enumerate(parts))


def run_job(desktop, job):
    path = os.path.abspath(job["file"])
    if not os.path.isfile(path):
        raise Failure(f"no file {path}")
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True), prop("ReadOnly", False))
    )
    if doc is None:
        raise Failure(f"LibreOffice could not open {path}")
    try:
        doc.calculateAll()
        for i, op in enumerate(job.get("ops", [])):
            try:
                apply(doc, op)
            except Failure as e:
                raise Failure(f"op {i + 1} ({json.dumps(op)}): {e}") from None
            except Exception as e:  # a UNO exception: name the op
                raise Failure(f"op {i + 1} ({json.dumps(op)}): {type(e).__name__}: {e}") from None
        doc.calculateAll()
        reads = [read(doc, spec) for spec in job.get("read", [])]
        if job.get("save"):
            doc.storeToURL(
                uno.systemPathToFileUrl(os.path.abspath(job["save"])),
                (prop("FilterName", "Calc MS Excel 2007 XML"),),
            )
        return {"file": job["file"], "reads": reads}
    finally:
        doc.close(True)


def main(argv):
    if len(argv) != 2:
        raise Failure("usage: uno_edit.py JOBS.json")
    with open(argv[1], encoding="utf-8") as f:
        jobs = json.load(f)["jobs"]
    # A timeout (SIGTERM) still runs the finally blocks below, so soffice is always ended.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = []
    with Office() as office:
        for n, job in enumerate(jobs):
            try:
                results.append(run_job(office.desktop, job))
            except Failure as e:
                raise Failure(f"job {n + 1} ({job.get('file')}): {e}") from None
    json.dump({"jobs": results}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main(sys.argv)
    except Failure as e:
        sys.stderr.write(f"uno_edit: {e}\n")
        sys.exit(1)
    except Exception as e:
        sys.stderr.write(f"uno_edit: {type(e).__name__}: {e}\n")
        sys.exit(1)
