"""Reports written as files, atomically, creating the folder they go in."""

from __future__ import annotations

import os

from archbook.adapters.safe_paths import write_atomically
from archbook.application.ports.report_writer import ReportWriter
from archbook.exceptions import ArchbookError


class ReportWriteError(ArchbookError):
    """The report file could not be written."""


class FileReportWriter(ReportWriter):
    """Writes UTF-8 text to the path given (relative paths: from the working folder)."""

    def write(self, path: str, text: str) -> str:
        target = os.path.abspath(os.path.expanduser(path))
        if os.path.isdir(target):
            raise ReportWriteError(f"{target} is a folder; give a file name such as report.html")
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            write_atomically(target, text)
        except OSError as error:
            raise ReportWriteError(f"cannot write the report to {target}: {error}") from error
        return target
