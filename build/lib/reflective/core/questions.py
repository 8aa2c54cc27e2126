"""A post's questions to its readers: the `questions:` field of its front matter (SPEC §5).

Owns reading `questions:` (a list of strings, or of `{id, text}`), ids derived from the
text as for actions (`schema` passes its `derive_id` and id pattern, so this module
imports nothing of it), and the per-post problems (not a list, empty text, a bad or
duplicate id, unknown keys). Called by `schema.read_fields`; the result is plain data in
the post's fields (`fields["questions"]`), so the content caches keep it. The comments
capability shows the questions and links the comments that answer them.
"""

from __future__ import annotations

from .frontmatter import FrontMatter, path_str
from .problems import Problem, closest

QUESTION_FIELDS = ("id", "text")


def read(fm: FrontMatter, name: str, derive_id, id_pattern) -> tuple[list[dict], list[Problem]]:
    """`[{"id", "text", "line"}]` and the problems of the post's `questions:`."""
    value = fm.data.get("questions")
    problems: list[Problem] = []

    def problem(path, message, suggestion=None):
        problems.append(Problem(name, path_str(path), message, fm.line(path), suggestion))

    if value is None:
        return [], problems
    if not isinstance(value, list):
        problem(("questions",), "must be a list: one question per line, each starting with '- '")
        return [], problems
    out: list[dict] = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        path = ("questions", index)
        ident = None
        if isinstance(item, dict):
            for key in item:
                if key not in QUESTION_FIELDS:
                    problem(
                        path + (key,),
                        f"unknown field {key!r}; a question has id and text",
                        closest(str(key), QUESTION_FIELDS),
                    )
            text = item.get("text")
            ident = item.get("id")
            if ident is not None and (not isinstance(ident, str) or not id_pattern.match(ident)):
                problem(
                    path + ("id",),
                    f"{fm.raw.get(path + ('id',), str(ident))!r} is not an id; use lowercase "
                    "letters, digits and '-'",
                )
                ident = None
        else:
            text = item
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            text = fm.raw.get(path if not isinstance(item, dict) else path + ("text",), str(text))
        if not isinstance(text, str) or not text.strip():
            problem(
                path if not isinstance(item, dict) else path + ("text",),
                "a question needs its text, e.g. '- Has anyone asked for a recommendation?'",
            )
            continue
        text = text.strip()
        ident = ident or derive_id(text) or f"question-{index + 1}"
        if ident in seen:
            problem(
                path,
                f"the question id {ident!r} is used twice in this post; give one of "
                "them its own 'id:'",
            )
            continue
        seen.add(ident)
        out.append({"id": ident, "text": text, "line": fm.line(path)})
    return out, problems
