"""The commands a plan tells people to run, and the packages those commands install.

Commands come from shell code blocks (``bash``, ``sh``, ``console`` or untagged blocks
whose lines start with a known tool) and from inline code in the prose
(``Run `poetry add redis```).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable

from archbook.domain.plan_review import PlanBlock, PlanCommand, PlanDependency, PlannedFile

SHELL_LANGUAGES = frozenset({"bash", "sh", "shell", "console", "zsh", "powershell", "cmd"})
TOOLS = (
    "pip",
    "pip3",
    "python",
    "python3",
    "poetry",
    "uv",
    "pdm",
    "pipenv",
    "hatch",
    "conda",
    "alembic",
    "pytest",
    "uvicorn",
    "docker",
    "docker-compose",
    "make",
    "npm",
    "mongosh",
    "redis-cli",
)
_COMMAND = re.compile(
    rf"^(?:\$\s*)?(?:sudo\s+)?(?P<tool>{'|'.join(map(re.escape, TOOLS))})(?:\s|$)"
)
_INLINE = re.compile(r"`([^`\n]+)`")
_FENCED = re.compile(r"^\s*(`{3,}|~{3,}).*?^\s*\1", re.M | re.S)
# (tool words) that install packages, and how many words the install verb takes.
_INSTALLS = (
    ("pip install", 2),
    ("pip3 install", 2),
    ("python -m pip install", 4),
    ("python3 -m pip install", 4),
    ("uv pip install", 3),
    ("uv add", 2),
    ("poetry add", 2),
    ("pdm add", 2),
    ("pipenv install", 2),
    ("conda install", 2),
)
_REQUIREMENT_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")
_TOML_DEPENDENCY = re.compile(r"""^\s*"?([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?"?\s*=\s*["{]""")
_TOML_LIST_ITEM = re.compile(r"""^\s*["']([A-Za-z0-9][A-Za-z0-9._-]*)""")
_SKIPPED_TOML_KEYS = frozenset({"python", "name", "version", "description", "requires-python"})


def shell_commands(blocks: Iterable[PlanBlock], text: str) -> tuple[PlanCommand, ...]:
    """Every command line of the plan's shell blocks and inline code, in plan order."""
    found: list[PlanCommand] = []
    for block in blocks:
        shell = block.language in SHELL_LANGUAGES
        if not shell and block.language not in ("", "text"):
            continue
        for offset, raw in enumerate(block.text.split("\n"), start=1):
            line = raw.strip()
            if _COMMAND.match(line):
                found.append(PlanCommand(line.removeprefix("$").strip(), block.line + offset))
    prose = _FENCED.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for number, line in enumerate(prose.splitlines(), start=1):
        for inline in _INLINE.findall(line):
            if _COMMAND.match(inline.strip()) and " " in inline.strip():
                found.append(PlanCommand(inline.strip(), number))
    return tuple(sorted(found, key=lambda c: c.line))


def install_tool(command: str) -> str | None:
    """The install verb a command uses (``pip install``, ``poetry add``...), or None."""
    words = " ".join(command.removeprefix("sudo ").split())
    return next((verb for verb, _ in _INSTALLS if words.startswith(verb + " ")), None)


def installed_packages(command: str) -> list[str]:
    """Package names an install command adds (flags and ``-r file`` left out)."""
    verb = install_tool(command)
    if verb is None:
        return []
    try:
        words = shlex.split(command.split("#", 1)[0].split("&&", 1)[0])
    except ValueError:
        words = command.split()
    words = words[1:] if words[:1] == ["sudo"] else words
    names, skip = [], False
    for word in words[len(verb.split()) :]:
        if skip:
            skip = False
            continue
        if word in ("-r", "--requirement", "-c", "--constraint", "-e", "--group", "-G"):
            skip = True
            continue
        match = _REQUIREMENT_NAME.match(word)
        if not word.startswith("-") and match and word not in (".", ".."):
            names.append(match.group(1).lower())
    return names


def dependencies_of(
    commands: Iterable[PlanCommand], files: Iterable[PlannedFile]
) -> tuple[PlanDependency, ...]:
    """Packages the plan's install commands add, then those its manifest blocks add
    (``pyproject.toml`` tables and ``requirements*.txt`` lines)."""
    found: dict[str, PlanDependency] = {}
    for command in commands:
        for name in installed_packages(command.text):
            found.setdefault(name, PlanDependency(name, command.line, command.text))
    for planned in files:
        name = planned.path.rsplit("/", 1)[-1]
        for block in planned.blocks:
            for offset, line in enumerate(block.text.split("\n"), start=1):
                package = _manifest_package(name, line)
                if package:
                    found.setdefault(package, PlanDependency(package, block.line + offset, name))
    return tuple(found.values())


def _manifest_package(file_name: str, line: str) -> str | None:
    stripped = line.strip()
    if not stripped or stripped.startswith(("#", "[")):
        return None
    if file_name == "pyproject.toml":
        match = _TOML_DEPENDENCY.match(line) or _TOML_LIST_ITEM.match(line)
        name = match.group(1).lower() if match else None
        return None if name in _SKIPPED_TOML_KEYS else name
    if file_name.startswith("requirements") and file_name.endswith(".txt"):
        match = _REQUIREMENT_NAME.match(stripped)
        return match.group(1).lower() if match and not stripped.startswith("-") else None
    return None
