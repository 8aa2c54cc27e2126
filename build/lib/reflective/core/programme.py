"""Programmes (SPEC §2): the list of Things a participant works through.

Owns loading a programme from a YAML file or from the programmes bundled with the kit
(`programmes/*.yaml`, at least `cpd23`), checking it, and the `Programme` record that
the site model and templates use. Knows nothing of Pelican: the caller resolves
relative paths.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter
from .problems import Problem

BUNDLED_DIR = Path(__file__).parent / "programmes"


@dataclass(frozen=True)
class Thing:
    number: int
    title: str
    week: int | None = None
    section: str | None = None
    optional: bool = False


@dataclass
class Programme:
    name: str
    url: str | None = None
    things: list[Thing] = field(default_factory=list)
    source: str = ""

    def __post_init__(self):
        self.by_number = {thing.number: thing for thing in self.things}

    @property
    def total(self) -> int:
        """How many Things count towards completion (bonus Things do not)."""
        return sum(1 for thing in self.things if not thing.optional)

    def get(self, number: int) -> Thing | None:
        return self.by_number.get(number)


class ProgrammeError(Exception):
    """The programme setting or file is unusable; `problems` says why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.format() for p in problems))
        self.problems = problems


def bundled_names(bundled_dir: Path = BUNDLED_DIR) -> list[str]:
    return sorted(p.stem for p in Path(bundled_dir).glob("*.yaml"))


def resolve(setting: str, base_dir: str | os.PathLike, bundled_dir: Path = BUNDLED_DIR) -> Path:
    """The file a `REFLECTIVE_PROGRAMME` value names: a bundled name or a path.

    `bundled_dir`: where the bundled files are (the cpd frameworks resolve the same way).
    """
    if setting in bundled_names(bundled_dir):
        return Path(bundled_dir) / f"{setting}.yaml"
    path = Path(setting).expanduser()
    if not path.is_absolute():
        path = Path(base_dir) / path
    return path


def load(setting: str, base_dir: str | os.PathLike = ".") -> Programme:
    """Load and check the programme named by `setting`; raise ProgrammeError if bad."""
    path = resolve(setting, base_dir)
    name = "REFLECTIVE_PROGRAMME"
    if not path.is_file():
        raise ProgrammeError(
            [
                Problem(
                    str(path),
                    name,
                    f"{setting!r} is neither a bundled programme ({', '.join(bundled_names())}) "
                    "nor an existing YAML file; give a bundled name or a path relative to the "
                    "settings file",
                )
            ]
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProgrammeError([Problem(str(path), name, f"cannot be read: {error}")]) from None
    return parse(text, str(path))


def parse(text: str, filename: str) -> Programme:
    fm = frontmatter.parse(frontmatter.normalise_text(text), filename)
    problems = list(fm.problems)
    data = fm.data

    def problem(path, message):
        problems.append(Problem(filename, frontmatter.path_str(path), message, fm.line(path)))

    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        if not problems:
            problem(("name",), "a programme needs a name, e.g. name: 23 Things for CPD")
        name = Path(filename).stem
    url = data.get("url")
    if url is not None and not isinstance(url, str):
        problem(("url",), "must be a web address")
        url = None
    things_data = data.get("things")
    things: list[Thing] = []
    if not isinstance(things_data, list) or not things_data:
        if not problems:
            problem(
                ("things",), "a programme needs a list of things, each '- {number: 1, title: ...}'"
            )
        things_data = []
    seen: set[int] = set()
    for index, item in enumerate(things_data):
        path = ("things", index)
        if not isinstance(item, dict):
            problem(path, "each Thing is a mapping with number and title")
            continue
        number, title = item.get("number"), item.get("title")
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            problem(path + ("number",), f"expected a whole number, found {number!r}")
            continue
        if number in seen:
            problem(path + ("number",), f"Thing {number} is listed twice")
            continue
        if not isinstance(title, str) or not title.strip():
            problem(path + ("title",), "each Thing needs a title")
            title = f"Thing {number}"
        week = item.get("week")
        if week is not None and (not isinstance(week, int) or isinstance(week, bool)):
            problem(path + ("week",), f"expected a whole number, found {week!r}")
            week = None
        section = item.get("section")
        optional = item.get("optional", False)
        if not isinstance(optional, bool):
            problem(path + ("optional",), f"expected true or false, found {optional!r}")
            optional = False
        unknown = set(item) - {"number", "title", "week", "section", "optional"}
        for key in sorted(unknown):
            problem(
                path + (key,),
                "unknown field; a Thing has number, title, week, section and optional",
            )
        seen.add(number)
        things.append(
            Thing(
                number, title.strip(), week, str(section) if section is not None else None, optional
            )
        )
    if problems:
        raise ProgrammeError(problems)
    things.sort(key=lambda thing: thing.number)
    return Programme(name=name.strip(), url=url, things=things, source=filename)
