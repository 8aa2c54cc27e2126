"""The same Pagefind bundle, byte for byte, for the same site (reproducible builds).

Owns: rewriting the parts of a Pagefind 1.x bundle whose order Pagefind takes from a
hash map, so that indexing the same pages twice gives the same files (Pagefind's own
issue #638: fragments and word indexes are stable since 1.3, the filter and metadata
indexes are not). Each `filter/<lang>_<hash>.pf_filter` is decoded, its values sorted,
encoded again and renamed after a hash of its new bytes; each language's
`pagefind.<lang>_<hash>.pf_meta` lists its filters and meta fields sorted by name, names
the renamed filter files, and is renamed the same way; `pagefind-entry.json` names the
new meta files. Files are gzip'd with no timestamp. Without this, every `make publish`
of unchanged content wrote a different `pagefind/` folder, so `make github` pushed a
commit each time.

Pagefind's files are gzip'd CBOR after a 12-byte signature; the JavaScript loads them by
the names the entry and meta files give, so new names are as good as Pagefind's own.
Pure: no Pelican.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os

import cbor2

SIGNATURE = b"pagefind_dcd"
_FILTERS, _META_FIELDS = 3, 5  # positions in a .pf_meta document (Pagefind 1.x)


class FormatError(Exception):
    """The bundle is not in the Pagefind 1.x layout this module knows."""


def _read(path: str):
    data = gzip.decompress(open(path, "rb").read())
    if not data.startswith(SIGNATURE):
        raise FormatError(f"{path} does not start with Pagefind's signature")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(folder: str, lang: str, digits: int, suffix: str, document, prefix: str = ""):
    """Write `document` as a Pagefind file named after its content; its hash name."""
    data = SIGNATURE + cbor2.dumps(document)
    name = f"{lang}_{hashlib.sha256(data).hexdigest()[:digits]}"
    with open(os.path.join(folder, f"{prefix}{name}{suffix}"), "wb") as out:
        out.write(gzip.compress(data, mtime=0))
    return name


def _hash_part(name: str) -> tuple[str, int]:
    """('en', 7) for 'en_1501011': the language and the length of the hash."""
    lang, _, digest = name.rpartition("_")
    return lang, len(digest)


def rewrite(bundle: str) -> None:
    """Put the bundle folder `bundle` (Pagefind's output) in its canonical form, in place."""
    entry_path = os.path.join(bundle, "pagefind-entry.json")
    with open(entry_path, encoding="utf-8") as entry_file:
        entry = json.load(entry_file)
    filter_folder = os.path.join(bundle, "filter")
    for language in entry.get("languages", {}).values():
        meta_path = os.path.join(bundle, f"pagefind.{language['hash']}.pf_meta")
        meta = _read(meta_path)
        if not isinstance(meta, list) or len(meta) <= _META_FIELDS:
            raise FormatError(f"{meta_path} is not a Pagefind 1.x metadata index")
        renamed = []
        for filter_name, old in meta[_FILTERS]:
            path = os.path.join(filter_folder, f"{old}.pf_filter")
            name, values = _read(path)
            os.remove(path)
            lang, digits = _hash_part(old)
            document = [name, sorted(values, key=lambda value: value[0])]
            renamed.append(
                [filter_name, _write(filter_folder, lang, digits, ".pf_filter", document)]
            )
        meta[_FILTERS] = sorted(renamed)
        meta[_META_FIELDS] = sorted(meta[_META_FIELDS])
        os.remove(meta_path)
        lang, digits = _hash_part(language["hash"])
        language["hash"] = _write(bundle, lang, digits, ".pf_meta", meta, prefix="pagefind.")
    with open(entry_path, "w", encoding="utf-8") as entry_file:
        json.dump(entry, entry_file, ensure_ascii=False, separators=(",", ":"))
