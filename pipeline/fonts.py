"""Is there a font that can draw Chinese in the PNG charts?

vl-convert rasterises PNGs with the system's fonts (and any directory registered with it); without a
CJK font every Chinese label becomes a box. We cannot ship one (none is installable from PyPI here),
so `zhaoshang report` looks for one in the usual font folders and says how to get one when it finds
none. Folder and file-name fragments are data: corpus/report/cjk_fonts.toml.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from extractors.resources import corpus_path

_FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


@cache
def _config() -> dict[str, list[str]]:
    return tomllib.loads(corpus_path("report", "cjk_fonts.toml").read_text(encoding="utf-8"))


def font_dirs() -> list[Path]:
    """The font folders of Linux, macOS and Windows that exist here (``~`` and %WINDIR% expanded)."""
    return [Path(os.path.expandvars(os.path.expanduser(d))) for d in _config()["dirs"]]


def find_cjk_font(dirs: Iterable[Path] | None = None) -> Path | None:
    """The first font file whose name marks a CJK font (wqy, NotoSansCJK, msyh…), else None."""
    marks = tuple(m.lower() for m in _config()["name_marks"])
    for folder in dirs if dirs is not None else font_dirs():
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            name = path.name.lower()
            if name.endswith(_FONT_SUFFIXES) and any(m in name for m in marks):
                return path
    return None


NO_CJK_FONT = ("no CJK font found: Chinese labels in the PNG charts will show as boxes "
               "(install one, e.g. Debian's fonts-noto-cjk or fonts-wqy-zenhei, or pass --font-dir)")
