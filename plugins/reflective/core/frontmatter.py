"""YAML front matter: split it from the body and read it into plain data with lines.

Owns: the `---` fences (a BOM and CRLF line endings are accepted), parsing the YAML
with PyYAML's composer (libyaml when available) so every value keeps its line, and
turning nodes into plain Python values under YAML 1.2 rules. It records where YAML 1.1
tools would read a value differently (`no` as false, `010` as octal 8, `1:20` as 80)
and dates that are not real dates, so the validator can explain them. Knows nothing
of Pelican or of what the fields mean.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from .problems import Problem

try:  # libyaml is ~15x faster; the pure-Python composer gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_YAML11_BOOL = {
    "y",
    "Y",
    "yes",
    "Yes",
    "YES",
    "n",
    "N",
    "no",
    "No",
    "NO",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OTHER = re.compile(r"^(0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_DATETIME = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:\.[0-9]*)?)?(?:[ \t]*(Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?$"
)

Path = tuple  # a field path such as ("actions", 2, "status")


def path_str(path: Path) -> str:
    """`("actions", 2, "status")` → `actions[2].status`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class Trap:
    """A plain scalar whose reading deserves an explanation."""

    kind: str  # "yaml11-bool", "octal", "sexagesimal", "bad-date"
    raw: str


@dataclass
class FrontMatter:
    """What a source file holds: the data, where each value is, and the body."""

    data: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)  # path tuple -> 1-based line in the file
    raw: dict = field(default_factory=dict)  # path tuple -> source text of plain scalars
    traps: dict = field(default_factory=dict)  # path tuple -> Trap
    blocks: set = field(default_factory=set)  # path tuples of `|` and `>` block scalars
    problems: list = field(default_factory=list)
    body: str = ""
    has_front_matter: bool = False

    def line(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def normalise_text(text: str) -> str:
    """Drop a byte-order mark and turn CRLF/CR line endings into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str, filename: str) -> FrontMatter:
    """Split `text` into front matter and body and parse the front matter."""
    text = normalise_text(text)
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return FrontMatter(body=text)
    for index in range(1, len(lines)):
        if _END.match(lines[index]):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            result = parse(yaml_text, filename, first_line=2)
            result.body = body
            result.has_front_matter = True
            return result
    return FrontMatter(
        has_front_matter=True,
        lines={(): 1},
        problems=[
            Problem(
                filename,
                "front matter",
                "the front matter opened with '---' on line 1 is never closed; "
                "add a line with only '---' after the last field",
                line=1,
            )
        ],
    )


def parse(yaml_text: str, filename: str, first_line: int = 1) -> FrontMatter:
    """Parse a YAML mapping; problems are recorded, never raised."""
    result = FrontMatter(lines={(): max(first_line - 1, 1)})
    if "\t" in yaml_text:
        for number, text in enumerate(yaml_text.split("\n"), start=first_line):
            indent = text[: len(text) - len(text.lstrip(" \t"))]
            if "\t" in indent:
                result.problems.append(
                    Problem(
                        filename,
                        "front matter",
                        "a tab is used for indentation; YAML allows only spaces there",
                        line=number,
                    )
                )
                return result
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.YAMLError as error:
        # An unclosed bracket or quote is noticed lines later; the line where the
        # construct began (the context mark) is where the author should look.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark is not None else None
        reason = getattr(error, "problem", None) or str(error).split("\n")[0]
        context = getattr(error, "context", None)
        message = f"the YAML does not parse: {reason}"
        if context:
            message += f" ({context} that starts on this line)"
        if "mapping values are not allowed" in message:
            message += "; a value that contains ': ' (a colon and a space) must be in quotes"
        result.problems.append(Problem(filename, "front matter", message, line=line))
        return result
    if node is None:
        return result
    if not isinstance(node, yaml.MappingNode):
        result.problems.append(
            Problem(
                filename,
                "front matter",
                f"the front matter must be a list of 'field: value' lines, found a {_kind(node)}",
                line=node.start_mark.line + first_line,
            )
        )
        return result
    converter = _Converter(filename, first_line, result)
    result.data = converter.convert(node, ())
    return result


def _kind(node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"


class _Converter:
    def __init__(self, filename: str, first_line: int, result: FrontMatter):
        self.filename = filename
        self.first_line = first_line
        self.result = result
        self.active: set[int] = set()

    def convert(self, node, path: Path):
        self.result.lines[path] = node.start_mark.line + self.first_line
        if id(node) in self.active:
            self.result.problems.append(
                Problem(
                    self.filename,
                    path_str(path),
                    "a YAML alias refers to itself",
                    line=self.result.lines[path],
                )
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def mapping(self, node, path: Path) -> dict:
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.result.problems.append(
                    Problem(
                        self.filename,
                        path_str(path) or "front matter",
                        f"a field name must be a plain word, found a {_kind(key_node)}",
                        line=key_node.start_mark.line + self.first_line,
                    )
                )
                continue
            key = key_node.value
            if key in out:
                self.result.problems.append(
                    Problem(
                        self.filename,
                        path_str(path + (key,)),
                        f"the field {key!r} is given twice; keep one",
                        line=key_node.start_mark.line + self.first_line,
                    )
                )
                continue
            out[key] = self.convert(value_node, path + (key,))
        return out

    def scalar(self, node, path: Path):
        text = node.value
        if node.style:  # quoted or block scalar: always text (plain is None or "")
            if node.style in ("|", ">"):
                self.result.blocks.add(path)
            return text
        self.result.raw[path] = text
        if text in _NULL:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if text in _YAML11_BOOL:
            self.result.traps[path] = Trap("yaml11-bool", text)
            return text
        if _INT.match(text):
            digits = text.lstrip("+-")
            if len(digits) > 1 and digits.startswith("0"):
                self.result.traps[path] = Trap("octal", text)
            return int(text)
        if _INT_OTHER.match(text):
            return int(text, 0)
        if _FLOAT.match(text):
            return float(text)
        if text in {".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN"}:
            return float(text.replace(".", "", 1))
        if _SEXAGESIMAL.match(text):
            self.result.traps[path] = Trap("sexagesimal", text)
            return text
        match = _DATE.match(text)
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                self.result.traps[path] = Trap("bad-date", text)
                return text
        match = _DATETIME.match(text)
        if match:
            return _datetime(match, text, path, self.result)
        return text


def _datetime(match, text, path, result):
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        value = dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
        )
    except ValueError:
        result.traps[path] = Trap("bad-date", text)
        return text
    if zone:
        if zone == "Z":
            offset = dt.timedelta(0)
        else:
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            hours, minutes = (
                (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
            )
            offset = sign * dt.timedelta(hours=hours, minutes=minutes)
        value = value.replace(tzinfo=dt.timezone(offset))
    return value
