"""Changing one action in a post's front matter in place, and writing the file safely.

Owns: locating `actions[i]` in the source with ruamel.yaml's composer (every node keeps
its start and end in the text), splicing new values into only the lines of that action
(a bare-string action becomes a mapping that keeps its text as written), rendering
values so they read back as written (`scalar`), checking the result by re-reading it
with the plugin's own parser, and the atomic write that refuses when the file changed
since it was read. The rest of the file (other fields, comments, key order, quoting,
line endings, the body) is never re-serialised, so it stays byte-for-byte the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import stat
import tempfile
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from . import frontmatter, schema

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_FIELD_ORDER = ("text", "id", "status", "due", "done", "priority", "every", "private", "note")


class EditError(Exception):
    """The change cannot be made safely; the message says why and what to do."""


# -- values ------------------------------------------------------------------------


def scalar(value, flow: bool = False) -> str:
    """YAML source for a string, date or word that reads back exactly as `value`.

    Plain when that is safe for every YAML reader (no YAML 1.1 surprises), else double
    quoted (as the sample posts quote); always on one line. `flow` also quotes text with `,[]{}` (inside `{...}`).
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value)
    candidate = _ruamel_dump(text)
    if (
        "\n" in candidate
        or candidate.startswith("'")
        or (flow and any(ch in candidate for ch in ",[]{}"))
        or not _reads_back(candidate, text)
    ):
        candidate = _ruamel_dump(DoubleQuotedScalarString(text))
    if "\n" in candidate or not _reads_back(candidate, text):  # pragma: no cover - defensive
        raise EditError(f"cannot write {text!r} as YAML on one line")
    return candidate


def _ruamel_dump(value) -> str:
    yaml = YAML()
    yaml.width = 1 << 30
    out = io.StringIO()
    yaml.dump({"k": value}, out)
    return out.getvalue().rstrip("\n")[len("k: ") :]


def _reads_back(source: str, text: str) -> bool:
    fm = frontmatter.parse(f"k: {source}", "<value>")
    return not fm.problems and not fm.traps and fm.data.get("k") == text


# -- the file ----------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes and what identifies that version."""

    path: str
    data: bytes
    mtime_ns: int
    size: int
    digest: str


def snapshot(path: str) -> Snapshot:
    with open(path, "rb") as handle:
        data = handle.read()
        info = os.fstat(handle.fileno())
    return Snapshot(path, data, info.st_mtime_ns, info.st_size, hashlib.sha256(data).hexdigest())


def write_atomic(before: Snapshot, data: bytes) -> None:
    """Replace the file with `data` unless it changed since `before` was taken."""
    try:
        now = snapshot(before.path)
    except OSError as error:
        raise EditError(
            f"{before.path} cannot be read again ({error.strerror}); nothing was written"
        ) from None
    if (now.digest, now.size, now.mtime_ns) != (before.digest, before.size, before.mtime_ns):
        raise EditError(
            f"{before.path} changed while reflective was working (saved in "
            "an editor?); nothing was written. Run the command again."
        )
    folder = os.path.dirname(os.path.abspath(before.path))
    mode = stat.S_IMODE(os.stat(before.path).st_mode)
    handle, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{os.path.basename(before.path)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, before.path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


# -- the edit ----------------------------------------------------------------------


def change_action(text: str, index: int, changes: dict, name: str) -> str:
    """`text` with `actions[index]` changed; `changes` maps field → value (None: remove).

    Only the lines of that action change. Raises EditError when the front matter or
    the action is written in a way that cannot be edited safely.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = _LINE.findall(text[len(bom) :])
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not _FENCE.match(_bare(lines[0])):
        raise EditError(f"{name} has no front matter ('---' on the first line)")
    end = next((i for i in range(1, len(lines)) if _END.match(_bare(lines[i]))), None)
    if end is None:
        raise EditError(f"{name}: the front matter is never closed with '---'")
    yaml_lines = [_bare(line) for line in lines[1:end]]
    new_yaml_lines = _edit_yaml(yaml_lines, index, changes, name)

    first = 0
    while (
        first < len(yaml_lines)
        and first < len(new_yaml_lines)
        and yaml_lines[first] == new_yaml_lines[first]
    ):
        first += 1
    last_old, last_new = len(yaml_lines), len(new_yaml_lines)
    while (
        last_old > first
        and last_new > first
        and yaml_lines[last_old - 1] == new_yaml_lines[last_new - 1]
    ):
        last_old -= 1
        last_new -= 1
    old_region = lines[1 + first : 1 + last_old]
    newline = _ending(old_region[0] if old_region else lines[1 + first - 1]) or "\n"
    new_region = [line + newline for line in new_yaml_lines[first:last_new]]
    result = lines[: 1 + first] + new_region + lines[1 + last_old :]
    new_text = bom + "".join(result)
    _verify(text, new_text, index, changes, name)
    return new_text


def _bare(line: str) -> str:
    return line.rstrip("\r\n")


def _ending(line: str) -> str:
    return line[len(_bare(line)) :]


def _edit_yaml(yaml_lines: list[str], index: int, changes: dict, name: str) -> list[str]:
    source = "".join(line + "\n" for line in yaml_lines)
    try:
        root = YAML().compose(source)
    except YAMLError as error:
        raise EditError(
            f"{name}: the front matter does not parse ({_first_line(error)}); "
            "run 'reflective check' and fix it first"
        ) from None
    if not isinstance(root, MappingNode):
        raise EditError(f"{name}: the front matter is not a mapping of fields")
    actions = next((v for k, v in root.value if getattr(k, "value", None) == "actions"), None)
    if not isinstance(actions, SequenceNode) or index >= len(actions.value):
        raise EditError(f"{name}: actions[{index}] is not where the site model found it")
    if actions.flow_style:
        raise EditError(
            f"{name}: the actions list is written in [brackets] on one line; "
            "write one action per line ('- ...') to let reflective edit it"
        )
    item = actions.value[index]
    offsets = _offsets(yaml_lines)
    if isinstance(item, ScalarNode):
        edits = _bare_item_edits(item, changes, yaml_lines, offsets)
    elif isinstance(item, MappingNode):
        edits = _mapping_edits(item, changes, yaml_lines, offsets)
    else:
        raise EditError(f"{name}: actions[{index}] is neither text nor a mapping")
    for start, stop, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        source = source[:start] + replacement + source[stop:]
    return source[:-1].split("\n") if source.endswith("\n") else source.split("\n")


def _first_line(error) -> str:
    return str(error).strip().split("\n")[0]


def _offsets(yaml_lines: list[str]) -> list[int]:
    out, total = [], 0
    for line in yaml_lines:
        out.append(total)
        total += len(line) + 1
    out.append(total)
    return out


def _at(mark, offsets) -> int:
    return offsets[mark.line] + mark.column


def _ordered(changes: dict) -> list:
    return sorted(
        ((k, v) for k, v in changes.items() if v is not None),
        key=lambda kv: _FIELD_ORDER.index(kv[0]),
    )


def _bare_item_edits(item, changes, yaml_lines, offsets):
    """`- Text` becomes `- text: Text` plus one line per new field, same indentation."""
    start, stop = _at(item.start_mark, offsets), _at(item.end_mark, offsets)
    if item.start_mark.line == item.end_mark.line and item.end_mark.column > 0:
        text_source = yaml_lines[item.start_mark.line][
            item.start_mark.column : item.end_mark.column
        ]
    else:
        text_source = scalar(item.value)
    indent = " " * item.start_mark.column
    line = item.end_mark.line if item.end_mark.column > 0 else item.end_mark.line - 1
    rest = yaml_lines[line][item.end_mark.column :] if item.end_mark.column > 0 else ""
    added = "".join(f"\n{indent}{key}: {scalar(value)}" for key, value in _ordered(changes))
    stop_of_line = offsets[line] + len(yaml_lines[line])
    del stop
    return [(start, stop_of_line, f"text: {text_source}{rest}{added}")]


def _mapping_edits(item, changes, yaml_lines, offsets):
    flow = bool(item.flow_style)
    pairs = [(k.value, k, v) for k, v in item.value if isinstance(k, ScalarNode)]
    keys = {name: (k, v) for name, k, v in pairs}
    edits = []
    for field, value in changes.items():
        if field in keys:
            key_node, value_node = keys[field]
            if value is None:
                edits.append(_removal(pairs, field, yaml_lines, offsets, flow))
            else:
                edits.append(
                    _replacement(value_node, value, offsets, source_lines=yaml_lines, flow=flow)
                )
    new = [(k, v) for k, v in _ordered(changes) if k not in keys]
    if new:
        if not pairs:
            raise EditError("an empty action cannot be edited; give it a 'text:' first")
        if flow:
            close = _at(item.end_mark, offsets) - 1
            text = "".join(f", {k}: {scalar(v, flow=True)}" for k, v in new)
            edits.append((close, close, text))
        else:
            column = pairs[0][1].start_mark.column
            last_value = pairs[-1][2]
            if last_value.end_mark.column == 0:  # a block scalar ends at a line start
                at = offsets[last_value.end_mark.line]
                text = "".join(f"{' ' * column}{k}: {scalar(v)}\n" for k, v in new)
            else:
                at = offsets[last_value.end_mark.line] + len(yaml_lines[last_value.end_mark.line])
                text = "".join(f"\n{' ' * column}{k}: {scalar(v)}" for k, v in new)
            edits.append((at, at, text))
    return edits


def _replacement(node, value, offsets, source_lines, flow):
    start, stop = _at(node.start_mark, offsets), _at(node.end_mark, offsets)
    text = scalar(value, flow=flow)
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        text += "\n"
    line = source_lines[node.start_mark.line]
    if start == stop and node.start_mark.column > 0 and line[node.start_mark.column - 1] == ":":
        text = " " + text
    return (start, stop, text)


def _removal(pairs, field, yaml_lines, offsets, flow):
    position = next(i for i, (name, _, _) in enumerate(pairs) if name == field)
    _, key_node, value_node = pairs[position]
    if position + 1 < len(pairs):
        # Up to the next key: `- done: x\n    text: y` becomes `- text: y`.
        next_key = pairs[position + 1][1]
        return (_at(key_node.start_mark, offsets), _at(next_key.start_mark, offsets), "")
    if position == 0:
        raise EditError("the only field of an action cannot be removed")
    end = value_node.end_mark
    previous_end = pairs[position - 1][2].end_mark
    if flow:  # `, done: x` up to the closing brace
        return (_at(previous_end, offsets), _at(end, offsets), "")
    # The last field: remove its whole lines.
    start = offsets[key_node.start_mark.line]
    if end.column == 0:  # a block scalar ends at the start of the next line
        stop = offsets[end.line]
    else:
        stop = offsets[end.line] + len(yaml_lines[end.line]) + 1
    return (start, stop, "")


# -- checking the result -----------------------------------------------------------


def _fields(text: str, name: str):
    fm = frontmatter.split(text, name)
    fields, problems = schema.read_fields(fm, name)
    return fm, fields, list(fm.problems) + problems


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "line"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _verify(old_text: str, new_text: str, index: int, changes: dict, name: str) -> None:
    """Re-read both versions with the plugin's parser: only the action may differ."""
    old_fm, old_fields, old_problems = _fields(old_text, name)
    new_fm, new_fields, new_problems = _fields(new_text, name)
    failure = None
    if old_fm.body != new_fm.body:
        failure = "the body would change"
    elif {k: v for k, v in old_fm.data.items() if k != "actions"} != {
        k: v for k, v in new_fm.data.items() if k != "actions"
    }:
        failure = "other fields would change"
    else:
        old_actions = old_fm.data.get("actions") or []
        new_actions = new_fm.data.get("actions") or []
        if not isinstance(old_actions, list) or index >= len(old_actions):
            raise EditError(f"{name}: actions[{index}] is not in the file")
        expected = old_actions[index]
        expected = dict(expected) if isinstance(expected, dict) else {"text": expected}
        for key, value in changes.items():
            if value is None:
                expected.pop(key, None)
            else:
                expected[key] = value
        if len(old_actions) != len(new_actions):
            failure = "the number of actions would change"
        elif any(
            o != n
            for i, (o, n) in enumerate(zip(old_actions, new_actions, strict=True))
            if i != index
        ):
            failure = "another action would change"
        elif new_actions[index] != expected:
            failure = f"the action would read {new_actions[index]!r}"
        elif _strip_lines(old_fields["updates"]) != _strip_lines(new_fields["updates"]):
            failure = "the updates would change"
        elif len(new_problems) > len(old_problems):
            failure = (
                "; ".join(p.format() for p in new_problems[len(old_problems) :])
                or "a new problem would appear"
            )
    if failure:
        raise EditError(
            f"{name}: reflective could not make this change safely ({failure}); "
            "nothing was written. Edit the action by hand."
        )
