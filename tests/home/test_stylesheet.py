"""The one stylesheet: what phones without a mouse need from it."""

import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "lms.css"
COLOUR_ONLY = {
    "color",
    "background",
    "background-color",
    "border-color",
    "text-decoration",
}


def test_nothing_depends_on_hover():
    """Make sure that :hover only changes colours, never what is shown."""
    css = CSS.read_text()
    for selector, body in re.findall(r"([^{}]*:hover[^{}]*)\{([^}]*)\}", css):
        properties = {
            part.split(":")[0].strip() for part in body.split(";") if ":" in part
        }
        assert properties <= COLOUR_ONLY, selector
