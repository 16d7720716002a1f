#!/usr/bin/python3
"""Times LibreOffice's full recalculation of .xlsx workbooks, for `npm run bench` (team.bench.ts).

Run with Debian's /usr/bin/python3 (python3-uno provides `import uno`):

    /usr/bin/python3 libreoffice_recalc.py JOBS.json

JOBS.json is {"jobs": [{"file": "/abs/x.xlsx", "runs": 3, "read": {"sheet": "Scorecard", "range": "A1:M501"}}]}.
Each file is loaded without recalculation (the profile's "recalculation on load" is "never"), then
recalculated hard (calculateAll: every formula, dirty or not) `runs` times; load time is not
counted. Stdout gets {"jobs": [{"file", "seconds": [...], "values": [[...]]}]}, the values read after
the last recalculation (errors as the text the cell shows). One headless soffice serves every job:
the Office helper of tests/external/support/uno_edit.py (private profile, own pipe, always ended).
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "external", "support"))
import uno_edit  # noqa: E402  (after the path it lives on)

NEVER_RECALCULATE = 1  # /org.openoffice.Office.Calc/Formula/Load: 0 always, 1 never, 2 prompt


def profile_without_recalculation(write_profile):
    """uno_edit's profile, but files keep their formulas uncalculated on load: the timed
    calculateAll is then the only calculation."""

    def write(profile_dir):
        write_profile(profile_dir)
        path = os.path.join(profile_dir, "user", "registrymodifications.xcu")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for mode in ("OOXMLRecalcMode", "ODFRecalcMode"):
            text = text.replace(
                f'oor:name="{mode}" oor:op="fuse"><value>0<',
                f'oor:name="{mode}" oor:op="fuse"><value>{NEVER_RECALCULATE}<',
            )
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    return write


def run_job(desktop, job):
    doc = desktop.loadComponentFromURL(
        uno_edit.uno.systemPathToFileUrl(job["file"]), "_blank", 0, (uno_edit.prop("Hidden", True),)
    )
    if doc is None:
        raise uno_edit.Failure(f"LibreOffice could not open {job['file']}")
    try:
        seconds = []
        for _ in range(job.get("runs", 1)):
            start = time.perf_counter()
            doc.calculateAll()
            seconds.append(time.perf_counter() - start)
        values = uno_edit.read(doc, job["read"])["values"] if job.get("read") else []
        return {"file": job["file"], "seconds": seconds, "values": values}
    finally:
        doc.close(True)


def main(argv):
    if len(argv) != 2:
        raise uno_edit.Failure("usage: libreoffice_recalc.py JOBS.json")
    with open(argv[1], encoding="utf-8") as f:
        jobs = json.load(f)["jobs"]
    uno_edit.write_profile = profile_without_recalculation(uno_edit.write_profile)
    with uno_edit.Office() as office:
        results = [run_job(office.desktop, job) for job in jobs]
    json.dump({"jobs": results}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main(sys.argv)
    except uno_edit.Failure as e:
        sys.stderr.write(f"libreoffice_recalc: {e}\n")
        sys.exit(1)
