"""The shipped print font (Liberation Serif, metric-compatible with Times New Roman).

NĐ 30/2020 asks for Times New Roman 13–14 pt; Liberation Serif has the same metrics and
covers every Vietnamese letter. The four faces live in the shipped ``resources/fonts`` (found through
``desk_app.resources``, so a checkout, a wheel and a frozen bundle all print) and are
registered with reportlab once per process (lazily, thread-safe), together with a font
family so that ``<b>`` and ``<i>`` work in Paragraph markup.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desk_app.resources import resource_path

#: Default font directory: the shipped resources/fonts (wherever desk_app.resources finds it).
DEFAULT_FONT_DIR = resource_path("fonts").resolve()

FAMILY_FILE_STEM = "LiberationSerif"
_FACES = ("Regular", "Bold", "Italic", "BoldItalic")


class FontError(RuntimeError):
    """The print font cannot be found or loaded."""


@dataclass(frozen=True)
class FontSet:
    """reportlab names of the four registered faces of one family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    directory: Path

    def face(self, *, bold: bool = False, italic: bool = False) -> str:
        """Registered name of the face with the given weight and slant."""
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        if italic:
            return self.italic
        return self.regular


_lock = threading.Lock()
_registered: dict[Path, FontSet] = {}


def register_fonts(font_dir: Path | str | None = None) -> FontSet:
    """Register Liberation Serif from ``font_dir`` (default: the shipped fonts); cached.

    The default directory registers the names ``LiberationSerif``, ``LiberationSerif-Bold``,
    ``LiberationSerif-Italic`` and ``LiberationSerif-BoldItalic``. Another directory (tests)
    gets the same names with a numeric suffix so the two never clash in reportlab's
    process-wide registry.
    """
    directory = Path(font_dir).resolve() if font_dir is not None else DEFAULT_FONT_DIR
    cached = _registered.get(directory)
    if cached is not None:
        return cached
    with _lock:
        cached = _registered.get(directory)
        if cached is not None:
            return cached
        suffix = "" if directory == DEFAULT_FONT_DIR else f"_{len(_registered) + 1}"
        names: list[str] = []
        for face in _FACES:
            path = directory / f"{FAMILY_FILE_STEM}-{face}.ttf"
            if not path.is_file():
                raise FontError(f"print font missing: {path}")
            name = FAMILY_FILE_STEM + suffix if face == "Regular" else f"{FAMILY_FILE_STEM}{suffix}-{face}"
            try:
                # asciiReadable=False: subsets hold only the glyphs used (not all of ASCII), so each
                # document embeds and formats far less; text extraction still works via ToUnicode.
                pdfmetrics.registerFont(TTFont(name, str(path), asciiReadable=False))
            except Exception as exc:  # reportlab raises TTFError and plain exceptions alike
                raise FontError(f"cannot load print font {path}: {exc}") from exc
            names.append(name)
        fonts = FontSet(names[0], names[1], names[2], names[3], directory)
        pdfmetrics.registerFontFamily(
            fonts.regular,
            normal=fonts.regular,
            bold=fonts.bold,
            italic=fonts.italic,
            boldItalic=fonts.bold_italic,
        )
        _registered[directory] = fonts
        return fonts
