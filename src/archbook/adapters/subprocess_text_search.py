"""Regular-expression search in a child Python process that is killed at its time bound.

The child runs isolated (``-I``), imports only ``re``, ``json`` and ``sys``, and reads
the pattern and texts from its standard input, so nothing of a target is run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence

from archbook.application.ports.text_search import Hit, SearchTimeoutError, TextSearch

BAD_PATTERN_EXIT = 3
WORKER = """
import json, re, sys
job = json.load(sys.stdin)
try:
    pattern = re.compile(job["pattern"])
except re.error as error:
    sys.stdout.write(str(error))
    sys.exit(BAD_PATTERN_EXIT)
hits = []
for label, text in job["texts"]:
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            hits.append((label, number, line))
            if len(hits) >= job["limit"]:
                break
    if len(hits) >= job["limit"]:
        break
json.dump(hits, sys.stdout)
""".replace("BAD_PATTERN_EXIT", str(BAD_PATTERN_EXIT))


class SubprocessTextSearch(TextSearch):
    """Runs each search in ``python -I -c WORKER``, killed after ``timeout_s``."""

    def search(
        self, pattern: str, texts: Sequence[tuple[str, str]], limit: int, timeout_s: float
    ) -> list[Hit]:
        job = json.dumps({"pattern": pattern, "texts": list(texts), "limit": limit})
        try:
            done = subprocess.run(
                [sys.executable, "-I", "-S", "-c", WORKER],
                input=job.encode("utf-8", "surrogatepass"),
                capture_output=True,
                timeout=max(timeout_s, 0.01),
            )
        except subprocess.TimeoutExpired as error:
            raise SearchTimeoutError(
                f"the search took more than {timeout_s:.1f} s and was stopped; "
                "use a simpler pattern"
            ) from error
        output = done.stdout.decode("utf-8", "replace")
        if done.returncode == BAD_PATTERN_EXIT:
            raise ValueError(output)
        if done.returncode != 0:
            raise SearchTimeoutError(f"the search failed: {done.stderr.decode()[-200:]}")
        return [(str(label), int(number), str(line)) for label, number, line in json.loads(output)]
