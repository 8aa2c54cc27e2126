"""`reflective tidy`: convert, once and losslessly, the forms the editor cannot hold.

Owns the command (docs/editor.md): every post under the content folder is scanned
(`forms.scan`); with `--dry-run` the report says what would change and nothing is
written; otherwise each convertible form is converted (`forms.tidy`) and each file
written atomically, refusing a file changed meanwhile. The forms it cannot convert
(YAML comments, dates with a time) are listed with what to do. Exit 0 when nothing
is left that the editor would damage, 1 otherwise.
"""

from __future__ import annotations

from ..cli import base
from ..core import content, edit
from . import forms


def cmd_tidy(args) -> int:
    settings, _folder, _file = base.load_settings(args)
    converted, left = 0, []
    for path in content.find_sources(settings):
        if not path.endswith((".md", ".markdown")):
            continue
        shown = content.display_path(path)
        before = edit.snapshot(path)
        try:
            text = before.data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # `reflective check` reports a file that is not UTF-8
        try:
            new_text, done = forms.tidy(text, shown)
        except edit.EditError as error:
            left.append(f"{shown}: {error}")
            continue
        for form in done:
            where = f"{form.file}:{form.line}" if form.line else form.file
            verb = "would convert" if args.dry_run else "converted"
            print(f"{where}: {form.field}: {verb}: {form.message}")
        if done and not args.dry_run:
            edit.write_atomic(before, new_text.encode("utf-8"))
        converted += len(done)
        left.extend(
            f"{f.file}:{f.line}: {f.field}: {f.message}"
            for f in forms.scan(new_text, shown)
            if not f.tidy
        )
    for line in left:
        print(f"{line} (not converted)")
    files = "would be converted" if args.dry_run else "converted"
    print(f"{converted} form(s) {files}; {len(left)} left for you to look at.")
    return 1 if left or (args.dry_run and converted) else 0


def register(subparsers) -> None:
    tidy = base.add_command(
        subparsers,
        "tidy",
        cmd_tidy,
        help="convert front matter the browser editor cannot hold (losslessly)",
        description="Give every action without an id the id the build derives for it, so "
        "the editor in the browser keeps and lists it; the built site does not change. "
        "Lists what it cannot convert (YAML comments, dates with a time).",
    )
    tidy.add_argument("--dry-run", action="store_true", help="report only; write nothing")
