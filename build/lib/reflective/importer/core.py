"""One import, start to finish, with no Pelican in it: read, plan, stage, decide, commit.

Owns the order of an import: the export is read twice as a stream (first to learn
slugs, attachments and comment states, then to write each record), every file is
staged aside, and only when the whole export has been read are files moved into place
(`files.commit`) and the report written. An `ExportError` or any other failure before
that leaves the site exactly as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from . import blogger, wxr
from .files import Staging, commit, decide, read_record, write_atomic
from .plan import Options, Planner
from .report import REPORT_FILE, Report
from .xmlstream import Cleaned, ExportError

READERS = {"wordpress": wxr.read, "blogger": blogger.read}


@dataclass
class Result:
    report: Report
    statuses: dict  # path -> new | updated | unchanged | kept | overwritten
    text: str
    report_path: str


def run(
    platform: str,
    export: str,
    site: str,
    options: Options,
    *,
    force: bool = False,
    dry_run: bool = False,
    export_name: str | None = None,
) -> Result:
    read = READERS[platform]
    report = Report(export=export_name or export, platform=platform)
    record = read_record(site)
    staging = Staging(site, dry_run=dry_run)
    try:
        planner = Planner(staging, report, options)
        cleaned = Cleaned()
        for item in read(export, cleaned):
            planner.index(item)
        first = True
        for item in read(export, Cleaned()):
            if first:
                report.title = getattr(item, "title", "")
                first = False
            planner.plan(item)
        report.cleaned, report.cleaned_lines = cleaned.count, cleaned.lines
        if not report.items and not report.skipped and not report.skipped_kinds:
            raise ExportError(f"{export}: the export holds no posts or pages; nothing was imported")
        decide(staging, record, force)
        statuses = {path: staged.status for path, staged in staging.files.items()}
        text = report.text(statuses, dry_run)
        report_path = os.path.join(site, REPORT_FILE)
        if not dry_run:
            commit(staging, record)
            write_atomic(report_path, text.encode("utf-8"))
        return Result(report, statuses, text, report_path)
    finally:
        staging.discard()
