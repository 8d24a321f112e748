"""The report for people (a terminal, grouped by severity, with counts) and for CI (JSON)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape

from .report import SEVERITIES, Report

HEADINGS = {"error": "[bold red]Errors[/]", "warning": "[bold yellow]Warnings[/]", "info": "[bold]Notes[/]"}
NOUNS = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("note", "notes")}


def render_text(report: Report, console: Console) -> None:
    """Errors, then warnings, then notes; each with its place, check, editions and what to do."""
    for severity in SEVERITIES:
        group = [finding for finding in report.findings if finding.severity == severity]
        if not group:
            continue
        console.print(f"{HEADINGS[severity]} ({len(group)})")
        for finding in group:
            where = f"{escape(finding.location)}  " if finding.location else ""
            editions = f"  [dim]({', '.join(finding.editions)})[/]" if finding.editions else ""
            console.print(f"  {where}[dim]{finding.check}:[/] {escape(finding.message)}{editions}")
            if finding.excerpt:
                console.print(f"      near: {escape(finding.excerpt)}", highlight=False)
            if finding.hint:
                console.print(f"      [dim]{escape(finding.hint)}[/]")
    console.print(summary(report))


def summary(report: Report) -> str:
    """``2 errors, 1 warning, 1 note in 3 editions`` or ``no problems found in 3 editions``."""
    counts = [f"{report.count(s)} {NOUNS[s][report.count(s) != 1]}" for s in SEVERITIES if report.count(s)]
    editions = f"{len(report.editions)} edition{'s' if len(report.editions) != 1 else ''}"
    if not report.count("error") and not report.count("warning"):
        return f"No problems found in {editions}" + (f" ({', '.join(counts)})" if counts else "") + "."
    return f"{', '.join(counts)} in {editions}."


def render_json(report: Report) -> str:
    """The report as JSON (``report.schema.json``), Chinese characters as themselves."""
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
