"""The files of a repository folder at a commit, read with the ``git`` binary.

``git archive COMMIT:PREFIX`` streams the folder's tree out of the object store; it is
unpacked into the user's cache folder under the commit id. Nothing touches the work
tree, the index or HEAD of the repository under review.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tarfile
import tempfile

from archbook.adapters.scanning.scan_snapshots import default_cache_dir
from archbook.application.ports.git_trees import GitTrees
from archbook.exceptions import GitError

GIT_TIMEOUT_S = 120.0


class GitCliTrees(GitTrees):
    """Commit trees unpacked once into ``<cache>/trees/<commit>-<folder digest>/<folder>``."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or os.path.join(default_cache_dir(), "trees")

    def commit_of(self, root: str, ref: str) -> str:
        if ref.startswith("-"):
            raise GitError(f"'{ref}' is not a git ref")
        return _git(root, "rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}").strip()

    def tree_at(self, root: str, commit: str) -> str:
        prefix = _git(root, "rev-parse", "--show-prefix").strip().rstrip("/")
        top = _git(root, "rev-parse", "--show-toplevel").strip()
        digest = hashlib.sha1(f"{top}|{prefix}".encode())
        holder = os.path.join(self.directory, f"{commit}-{digest.hexdigest()[:12]}")
        # The folder keeps its own name, so module names and titles match the work tree's.
        target = os.path.join(holder, os.path.basename(os.path.abspath(root)))
        if os.path.isdir(target):
            return target
        tree = f"{commit}:{prefix}" if prefix else commit
        archive = _git_bytes(top, "archive", "--format=tar", tree)
        os.makedirs(self.directory, exist_ok=True)
        scratch = tempfile.mkdtemp(prefix=".unpacking-", dir=self.directory)
        try:
            inside = os.path.join(scratch, os.path.basename(target))
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(inside, filter="data")
            os.replace(scratch, holder)
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)
            if not os.path.isdir(target):  # another run unpacked it first: use theirs
                raise
        return target


def _git(root: str, *args: str) -> str:
    return _git_bytes(root, *args).decode("utf-8", errors="replace")


def _git_bytes(root: str, *args: str) -> bytes:
    binary = shutil.which("git")
    if binary is None:
        raise GitError("git not found: install git to compare with a branch or commit")
    try:
        done = subprocess.run(
            [binary, "-C", root, *args], capture_output=True, timeout=GIT_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise GitError(f"git {args[0]} took more than {GIT_TIMEOUT_S:g} s in {root}") from error
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        detail = message[-1] if message else f"exit {done.returncode}"
        raise GitError(f"git {args[0]} failed in {root}: {detail}")
    return done.stdout
