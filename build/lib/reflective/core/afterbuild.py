"""Post-build hooks of `make serve`: steps that run after each finished full build.

Owns the registry capabilities use to add work after the preview's builds (the search
capability's Pagefind indexing, say) without touching the serve loop or importing the
preview capability (it lives in the shared core so that neither imports the other):

    from ..core import afterbuild

    def index_site(output_dir: str, changed: tuple[str, ...]) -> None:
        ...  # e.g. run Pagefind on output_dir

    afterbuild.after_build("search", index_site, keep=("pagefind",))

- `output_dir`: the served folder, now byte-identical to a clean build;
- `changed`: output-relative paths (with `/`) that this build added, changed or
  removed; empty after a build that changed nothing (the first build of a session
  passes every file, so a hook can build its index from scratch);
- `keep`: output-relative files or folders the hook writes, which the preview must not
  delete although Pelican did not produce them.

Hooks run one at a time on a thread of their own, never on the server's or the
builder's, so a slow hook delays neither pages nor the next quick render; builds that
finish while a hook runs are merged into one further call. An exception is logged and
the server goes on. Registering again under the same name replaces the hook (Pelican
registers plugins once per instance, and `make serve` makes a new one when the settings
change). `make html` and `make publish` do not run these hooks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Hook = Callable[[str, Sequence[str]], None]


@dataclass(frozen=True)
class Registered:
    name: str
    run: Hook
    keep: tuple[str, ...]


_HOOKS: dict[str, Registered] = {}


def after_build(name: str, hook: Hook, keep: Sequence[str] = ()) -> None:
    """Run `hook(output_dir, changed)` after each finished build of `make serve`."""
    _HOOKS[name] = Registered(name, hook, tuple(keep))


def remove(name: str) -> None:
    _HOOKS.pop(name, None)


def registered() -> list[Registered]:
    return list(_HOOKS.values())


def kept() -> tuple[str, ...]:
    return tuple(path for hook in _HOOKS.values() for path in hook.keep)
