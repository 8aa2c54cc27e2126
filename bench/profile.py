"""Where the plugin's time goes: one Pelican build under cProfile, summarised.

Owns profiling a build in-process (side A settings written by `bench.run`, without the
timing plugin) and reporting the plugin's part: the plugin's entry points (functions in
plugins/reflective, Python or compiled Jinja templates, called from outside it) with
their cumulative time, the plugin's own hottest functions, and the library calls the
plugin makes directly. The reader (reader.py, frontmatter.py, schema.py) is reported
apart: it runs on both sides of the bench. cProfile slows every call, so shares here
are indicative; `bench.run` measures the real times.

`python -m bench.profile SETTINGS OUTPUT [--save FILE.prof]`.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import time
from pathlib import Path

import reflective

PLUGIN_DIR = str(Path(reflective.__file__).resolve().parent) + os.sep  # not reflective_md/
# problems.py is shared, but on a clean corpus only the reader calls it (schema.closest)
READER_FILES = ("reader.py", "frontmatter.py", "schema.py", "problems.py")
THEME_DIR = str(Path(__file__).resolve().parent.parent / "theme")


def _ours(func) -> bool:
    return func[0].startswith(PLUGIN_DIR)


def _reader(func) -> bool:
    return _ours(func) and func[0].endswith(READER_FILES)


def _name(func) -> str:
    filename, line, name = func
    if filename.startswith(PLUGIN_DIR):
        filename = "reflective/" + filename[len(PLUGIN_DIR) :]
    elif "site-packages/" in filename:
        filename = filename.split("site-packages/", 1)[1]
    return f"{filename}:{line}({name})"


def profile_build(settings_file: Path, output: Path, save: Path | None = None) -> pstats.Stats:
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file), override={"OUTPUT_PATH": str(output)})
    settings["PLUGINS"] = [p for p in settings["PLUGINS"] if p != "bench_timer"]
    profiler = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
    profiler.enable()
    Pelican(settings).run()
    profiler.disable()
    if save:
        profiler.dump_stats(str(save))
    return pstats.Stats(profiler, stream=io.StringIO())


def _entry(func, caller) -> bool:
    """Does Pelican enter the plugin here (not a call nested inside the plugin)?

    Pelican calls the plugin directly or through blinker's signals; the theme's
    templates include the plugin's templates (their `root`). Calls from Jinja's runtime,
    Markdown, importlib or builtins are nested inside a plugin call already.
    """
    if not _ours(func) or _ours(caller):
        return False
    filename = caller[0]
    if "/pelican/" in filename or "/blinker/" in filename:
        return True
    return filename.startswith(THEME_DIR) and func[2] == "root"


def summarise(stats: pstats.Stats, top: int = 12) -> str:
    raw = stats.stats  # func -> (primitive calls, calls, own time, cumulative, callers)
    total = sum(entry[2] for entry in raw.values())
    entries: dict = {}
    for func, (_cc, _nc, _tt, _ct, callers) in raw.items():
        for caller, (_c, calls, _t, cumulative) in callers.items():
            if _entry(func, caller):
                count, seconds = entries.get(func, (0, 0.0))
                entries[func] = (count + calls, seconds + cumulative)
    plugin_entry = sum(s for f, (_c, s) in entries.items() if not _reader(f))
    reader_entry = sum(s for f, (_c, s) in entries.items() if _reader(f))
    convert = sum(v[3] for f, v in raw.items() if _reader(f) and f[2] == "_convert")
    own_time = sum(v[2] for f, v in raw.items() if _ours(f) and not _reader(f))
    lines = [
        f"profiled build: {total:.2f} s of CPU in Python functions",
        f"plugin (everything but the reader): {plugin_entry:.3f} s "
        f"({100 * plugin_entry / total:.2f} % of the profiled build), of which the plugin's "
        f"own code (its Python and compiled templates, not the libraries they call) "
        f"{own_time:.3f} s ({100 * own_time / total:.2f} %)",
        f"reader, both sides: {reader_entry:.3f} s, of which Markdown of the bodies "
        f"{convert:.3f} s and front matter + validation {reader_entry - convert:.3f} s "
        f"({100 * (reader_entry - convert) / total:.2f} %)",
        "",
        "entry points into the plugin (cumulative; called by Pelican, its signals or the theme):",
    ]
    for func, (calls, seconds) in sorted(entries.items(), key=lambda kv: -kv[1][1])[:top]:
        lines.append(
            f"  {seconds:8.3f} s {100 * seconds / total:6.2f} %  {calls:7d} calls  {_name(func)}"
        )
    lines += ["", "the plugin's own hottest functions (own time, reader excluded):"]
    own = [(v[2], v[1], f) for f, v in raw.items() if _ours(f) and not _reader(f)]
    for seconds, calls, func in sorted(own, reverse=True)[:top]:
        lines.append(f"  {seconds:8.3f} s {calls:8d} calls  {_name(func)}")
    lines += ["", "library functions the plugin calls directly (cumulative, reader excluded):"]
    called: dict = {}
    for func, (_cc, _nc, _tt, _ct, callers) in raw.items():
        if _ours(func):
            continue
        for caller, (_c, calls, _t, cumulative) in callers.items():
            if _ours(caller) and not _reader(caller):
                count, seconds = called.get(func, (0, 0.0))
                called[func] = (count + calls, seconds + cumulative)
    for func, (calls, seconds) in sorted(called.items(), key=lambda kv: -kv[1][1])[:top]:
        lines.append(f"  {seconds:8.3f} s {calls:8d} calls  {_name(func)}")
    return "\n".join(lines)


def report(settings_file: Path, output: Path, save: Path | None = None) -> str:
    return summarise(profile_build(settings_file, output, save))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("settings", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--save", type=Path, help="also write the raw profile (pstats)")
    args = parser.parse_args(argv)
    print(report(args.settings, args.output, args.save))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
