"""Running Pagefind over a built site, and what its result or failure means.

Owns: finding the Pagefind binary (a path given in the settings, relative to the
settings file's folder, else the one that ships in the `pagefind[bin]` wheel, else
`pagefind` on PATH; `MissingBinary` when there is none, which the capability's check
reports as a problem too); the command line (the selectors kept out of the index);
running it so that the site's `pagefind/` bundle is replaced only by a complete new one
(Pagefind writes beside it, `canonical` makes its bytes reproducible, then one rename
swaps it in); reading Pagefind's summary (pages, words, filters); turning every failure
into one line that says what went wrong and how to fix it; and decoding a built index
(`read_fragments`) for tests and the bench (the publish gate, `core/gate.py`, reads a
page's fragment the same way).

Pure: no Pelican. The Pelican layer (`wiring`) decides when to call it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass

from . import canonical

BUNDLE = "pagefind"  # the folder Pagefind's files go in, inside the site
# Elements kept out of the index even when the page is indexed: private actions shown
# by the preview (REFLECTIVE_SHOW_PRIVATE marks them; a published build has none), and
# in an action's history the links to the posts that updated it (their titles would
# make a post found by the words of another post's title).
EXCLUDE_SELECTORS = ".rf-private, [data-reflective-private], .rf-history a"
INSTALL_FIX = (
    "install it with  pip install 'pagefind[bin]'  (make install does), or set "
    "REFLECTIVE_PAGEFIND to the path of a pagefind binary, or turn search off with "
    "REFLECTIVE_SEARCH = False"
)
_MAGIC = b"pagefind_dcd"  # the prefix of every decompressed index file


class SearchError(Exception):
    """Indexing could not be done; the message is one line with the fix."""


class MissingBinary(SearchError):
    """No Pagefind binary to run. `detail` is the message without its "search: " prefix:
    what the search capability's check reports as a problem of REFLECTIVE_PAGEFIND."""

    def __init__(self, detail: str):
        super().__init__(f"search: {detail}")
        self.detail = detail


@dataclass(frozen=True)
class Outcome:
    """What one run of Pagefind did."""

    pages: int
    words: int
    filters: int
    seconds: float
    bundle: str  # the bundle folder, inside the site

    def summary(self) -> str:
        return (
            f"search: indexed {self.pages} page{'s' if self.pages != 1 else ''}, "
            f"{self.words} words, {self.filters} filters in {self.seconds:.1f} s "
            f"({self.bundle})"
        )


def find_binary(setting: str | None = None, base_dir: str | None = None) -> str:
    """The Pagefind executable to run (an absolute path when it is a path), or
    MissingBinary saying how to get one.

    `setting` (REFLECTIVE_PAGEFIND) is a path or a command name looked up on PATH; when
    it is set, nothing else is tried, so a site can be sure which binary it runs. A
    relative path is relative to `base_dir` (the settings file's folder; default: the
    working folder), as the build and `reflective check` both resolve it.
    """
    if setting is not None and not isinstance(setting, str):
        raise MissingBinary(
            f"the Pagefind binary REFLECTIVE_PAGEFIND must be a path or a command name, "
            f"found {setting!r}; set it to the path of a pagefind binary, or leave it "
            "unset to use the one pip install 'pagefind[bin]' installs"
        )
    if setting:
        if os.sep in setting:
            found = os.path.abspath(os.path.join(base_dir or os.getcwd(), setting))
            shown = f"{setting!r}" + (f" ({found})" if found != setting else "")
        else:
            found, shown = shutil.which(setting), repr(setting)
        if found and os.path.isfile(found) and os.access(found, os.X_OK):
            return found
        raise MissingBinary(
            f"the Pagefind binary REFLECTIVE_PAGEFIND = {shown} was not "
            f"found or is not executable; {INSTALL_FIX}"
        )
    try:
        from pagefind_bin import get_executable  # the pagefind[bin] wheel
    except ImportError:
        get_executable = None
    if get_executable is not None:
        try:
            path = str(get_executable())
        except (FileNotFoundError, OSError):
            path = None
        if path and os.access(path, os.X_OK):
            return path
    found = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if found:
        return found
    raise MissingBinary(
        "the Pagefind binary was not found (neither the pagefind[bin] "
        f"package nor pagefind on PATH); {INSTALL_FIX}"
    )


def command(binary: str, site: str, bundle_path: str) -> list[str]:
    """The command line that indexes `site` into `bundle_path`."""
    return [
        binary,
        "--site",
        site,
        "--output-path",
        bundle_path,
        "--exclude-selectors",
        EXCLUDE_SELECTORS,
    ]


_COUNTS = {
    "pages": re.compile(r"Indexed (\d+) pages?"),
    "words": re.compile(r"Indexed (\d+) words?"),
    "filters": re.compile(r"Indexed (\d+) filters?"),
}


def parse_summary(output: str) -> dict[str, int]:
    """Pagefind's totals from its log ("Indexed 12 pages" ...), 0 when absent."""
    counts = {}
    for key, pattern in _COUNTS.items():
        found = pattern.findall(output)
        counts[key] = int(found[-1]) if found else 0
    return counts


def _failure_line(output: str) -> str:
    """The line of Pagefind's log that says why it failed."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in reversed(lines):
        if re.search(r"error|failed|panic|unable|cannot|not found", line, re.I):
            return line
    return lines[-1] if lines else "no output"


def start(binary: str, site: str) -> tuple[subprocess.Popen, str]:
    """Start Pagefind on `site` writing into a fresh folder inside it; (process, folder)."""
    if not os.path.isdir(site):
        raise SearchError(f"search: the output folder {site} does not exist; nothing to index")
    fresh = tempfile.mkdtemp(prefix=f".{BUNDLE}.new.", dir=site)
    try:
        process = subprocess.Popen(
            command(binary, site, fresh),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=site,
        )
    except OSError as error:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchError(
            f"search: the Pagefind binary {binary} could not be run ({error.strerror or error}); "
            f"{INSTALL_FIX}"
        ) from None
    return process, fresh


def finish(
    process: subprocess.Popen, fresh: str, site: str, started: float, output: bytes
) -> Outcome:
    """Check a finished run and swap its bundle in; SearchError if it failed."""
    text = output.decode("utf-8", errors="replace")
    try:
        if process.returncode != 0:
            why = (
                f"stopped by signal {-process.returncode}"
                if process.returncode < 0
                else f"exit {process.returncode}"
            )
            raise SearchError(
                f"search: Pagefind failed on {site} ({why}): {_failure_line(text)}; the "
                f"search index was not updated. Check that the binary runs (pagefind "
                f"--version), or {INSTALL_FIX}"
            )
        if not os.path.isfile(os.path.join(fresh, "pagefind.js")):
            raise SearchError(
                f"search: Pagefind wrote no search bundle for {site}: {_failure_line(text)}; "
                f"{INSTALL_FIX}"
            )
        try:
            canonical.rewrite(fresh)
        except (canonical.FormatError, OSError, ValueError) as error:
            raise SearchError(
                f"search: Pagefind's bundle for {site} is not in the layout this kit knows "
                f"({error}); use pagefind 1.x as pyproject.toml pins it"
            ) from None
        swap(fresh, os.path.join(site, BUNDLE))
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    counts = parse_summary(text)
    return Outcome(
        counts["pages"], counts["words"], counts["filters"], time.monotonic() - started, BUNDLE
    )


def index(site: str, binary: str) -> Outcome:
    """Index `site` (an output folder) into `site/pagefind/`, replacing the old bundle."""
    started = time.monotonic()
    process, fresh = start(binary, site)
    try:
        output, _ = process.communicate()
    except BaseException:  # Ctrl-C: no half-written bundle is left behind
        process.kill()
        process.wait()
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return finish(process, fresh, site, started, output)


def swap(fresh: str, bundle: str) -> None:
    """Put the folder `fresh` at `bundle`, removing what was there (two renames)."""
    old = None
    if os.path.lexists(bundle):
        old = tempfile.mkdtemp(prefix=f".{BUNDLE}.old.", dir=os.path.dirname(bundle))
        os.rmdir(old)
        os.replace(bundle, old)
    os.replace(fresh, bundle)
    os.chmod(bundle, 0o755)
    if old:
        shutil.rmtree(old, ignore_errors=True)


# -- reading a built index --------------------------------------------------------------


def decode(data: bytes) -> bytes:
    """One index file's content: gzip'd, behind a prefix (the publish gate reads it too)."""
    return gzip.decompress(data).removeprefix(_MAGIC)


def read_fragments(bundle: str) -> list[dict]:
    """Every page of the index as Pagefind stores it: url, content, filters, meta."""
    folder = os.path.join(bundle, "fragment")
    fragments = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith(".pf_fragment"):
            with open(os.path.join(folder, name), "rb") as handle:
                fragments.append(json.loads(decode(handle.read())))
    return fragments


def bundle_size(bundle: str) -> dict[str, int]:
    """Bytes of the bundle: everything, the index proper, and the UI's files."""
    total = index_bytes = files = 0
    for folder, _dirs, names in os.walk(bundle):
        for name in names:
            size = os.path.getsize(os.path.join(folder, name))
            total += size
            files += 1
            if name.endswith((".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta")):
                index_bytes += size
    return {"total": total, "index": index_bytes, "files": files}
