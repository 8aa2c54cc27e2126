"""Competency frameworks (SPEC §6): areas with codes and titles, nested to any depth.

Owns loading a framework from a YAML file or from those bundled with the kit
(`frameworks/*.yaml`, at least `digcomp`, DigComp 2.2 under CC BY 4.0), checking it
(every code unique, every area titled), and the `Framework` record: areas in order,
each code's area, its top-level area, and the codes under an area. Relative paths are
resolved as `REFLECTIVE_PROGRAMME` is (against the settings file's folder). Pure.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..core import frontmatter, programme
from ..core.problems import Problem
from ..core.programme import ProgrammeError

BUNDLED_DIR = Path(__file__).parent / "frameworks"
SETTING = "REFLECTIVE_FRAMEWORK"


@dataclass
class Area:
    code: str
    title: str
    depth: int = 0
    parent: str | None = None
    children: list = field(default_factory=list)  # Area

    @property
    def leaf(self) -> bool:
        return not self.children


@dataclass
class Framework:
    name: str
    url: str | None = None
    licence: str | None = None
    areas: list = field(default_factory=list)  # top-level Area, children nested
    source: str = ""

    def __post_init__(self):
        self.by_code: dict[str, Area] = {area.code: area for area in self.walk()}

    def walk(self):
        """Every area, depth first, in the file's order."""
        stack = list(reversed(self.areas))
        while stack:
            area = stack.pop()
            yield area
            stack.extend(reversed(area.children))

    def get(self, code: str) -> Area | None:
        return self.by_code.get(code)

    @property
    def codes(self) -> list[str]:
        return list(self.by_code)


class FrameworkError(ProgrammeError):
    """The framework setting or file is unusable; `problems` says why."""


def bundled_names() -> list[str]:
    return programme.bundled_names(BUNDLED_DIR)


def resolve(setting: str, base_dir: str | os.PathLike) -> Path:
    """A bundled framework's file, or the path, resolved as `REFLECTIVE_PROGRAMME` is."""
    return programme.resolve(setting, base_dir, BUNDLED_DIR)


def load(setting: str, base_dir: str | os.PathLike = ".") -> Framework:
    """Load and check the framework named by `setting`; raise FrameworkError if bad."""
    path = resolve(setting, base_dir)
    try:
        return parse(path.read_text(encoding="utf-8"), str(path))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        why = (
            f"{setting!r} is neither a bundled framework ({', '.join(bundled_names())}) "
            "nor an existing YAML file; give a bundled name or a path relative to the "
            "settings file (docs/cpd.md shows how to write one)"
        )
    except (OSError, UnicodeDecodeError) as error:
        why = f"cannot be read: {error}"
    raise FrameworkError([Problem(str(path), SETTING, why)])


def parse(text: str, filename: str) -> Framework:
    """A framework from the text of its YAML file; FrameworkError lists every problem."""
    fm = frontmatter.parse(frontmatter.normalise_text(text), filename)
    problems = list(fm.problems)

    def problem(path, message):
        problems.append(Problem(filename, frontmatter.path_str(path), message, fm.line(path)))

    data = fm.data
    name = data.get("name") if isinstance(data.get("name"), str) else ""
    if not name.strip() and not problems:
        problem(("name",), "a framework needs a name, e.g. name: My profession's skills")
    name = name.strip() or Path(filename).stem
    optional = {}
    for key in ("url", "licence"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            problem((key,), "must be text")
            value = None
        optional[key] = value
    for key in sorted(set(data) - {"name", "url", "licence", "areas"}):
        problem((key,), "unknown field; a framework has name, url, licence and areas")
    seen: dict[str, tuple] = {}
    areas = _areas(data.get("areas"), ("areas",), 0, None, fm, seen, problem)
    if not areas and not problems:
        problem(("areas",), "a framework needs a list of areas, each '- {code: A1, title: ...}'")
    if problems:
        raise FrameworkError(problems)
    return Framework(name, optional["url"], optional["licence"], areas, filename)


def _areas(value, path, depth, parent, fm, seen, problem) -> list[Area]:
    if value is None:
        return []
    if not isinstance(value, list):
        problem(path, "must be a list of areas, each '- {code: ..., title: ...}'")
        return []
    out = []
    for index, item in enumerate(value):
        item_path = path + (index,)
        if not isinstance(item, dict):
            problem(item_path, "each area is a mapping with code and title (and optional areas)")
            continue
        for key in sorted(set(item) - {"code", "title", "areas"}):
            problem(item_path + (key,), "unknown field; an area has code, title and areas")
        code = _code(item.get("code"), item_path + ("code",), fm)
        if code is None:
            problem(item_path + ("code",), "each area needs a code such as '2.1' or 'A1'")
            continue
        if code in seen:
            problem(
                item_path + ("code",),
                f"the code {code!r} is used twice (also on line {seen[code]})",
            )
            continue
        seen[code] = fm.line(item_path + ("code",))
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            problem(item_path + ("title",), f"the area {code!r} needs a title")
            title = code
        area = Area(code, title.strip(), depth, parent)
        area.children = _areas(
            item.get("areas"), item_path + ("areas",), depth + 1, code, fm, seen, problem
        )
        out.append(area)
    return out


def _code(value, path, fm) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return fm.raw.get(tuple(path), str(value))
    text = str(value).strip()
    return text or None
