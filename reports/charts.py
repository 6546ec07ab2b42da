"""Charts as inline SVG, drawn on the server: no script, no CDN.

Each builder returns the geometry a template draws (``reports/includes/``).
The SVG carries a title and a description for screen readers, every bar has
its value written next to it, and the table under each chart holds the same
numbers, so nothing is shown only as a colour or a length.
"""

import dataclasses
import itertools

from django.utils.translation import gettext_lazy as _

WIDTH = 760
LABEL_WIDTH = 260
VALUE_WIDTH = 90
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 8
LABEL_CHARS = 32

_ids = itertools.count(1)


def _short(label, limit=LABEL_CHARS):
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"


@dataclasses.dataclass
class Bar:
    label: str
    value: float | None
    text: str = ""
    url: str = ""
    css_class: str = ""


def bar_chart(title, description, bars, *, max_value=100, markers=()):
    """A horizontal bar chart.

    ``bars``: :class:`Bar` rows (a bar with value None is drawn empty and
    labelled "–"). ``markers``: (value, label) vertical reference lines,
    such as the 30 % and 90 % thresholds of the quiz item analysis.
    """
    bars = list(bars)
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    top_value = max(
        [max_value or 0] + [bar.value or 0 for bar in bars if bar.value is not None]
    )
    scale = plot_width / top_value if top_value else 0
    rows = []
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_HEIGHT
        value = bar.value or 0
        rows.append(
            {
                "label": _short(bar.label),
                "full_label": str(bar.label),
                "text": bar.text or ("–" if bar.value is None else str(bar.value)),
                "url": bar.url,
                "css_class": bar.css_class,
                "y": y,
                "bar_y": y + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                "text_y": y + ROW_HEIGHT // 2 + 5,
                "width": round(max(0.0, float(value)) * scale, 1),
            }
        )
    height = TOP * 2 + max(1, len(bars)) * ROW_HEIGHT
    return {
        "id": f"chart-{next(_ids)}",
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": height,
        "label_x": LABEL_WIDTH - 8,
        "plot_x": LABEL_WIDTH,
        "plot_width": plot_width,
        "value_x": WIDTH - VALUE_WIDTH + 8,
        "rows": rows,
        "markers": [
            {
                "x": round(LABEL_WIDTH + float(value) * scale, 1),
                "label": label,
            }
            for value, label in markers
        ],
        "axis_bottom": height - TOP,
        "empty": not bars,
    }


RATING_CLASSES = ["r1", "r2", "r3", "r4", "r5"]


def stacked_chart(title, description, rows):
    """One 100 % bar per row, split into the counts of ratings 1..5.

    ``rows``: (label, [count of 1, ..., count of 5]).
    """
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    drawn = []
    for index, (label, counts) in enumerate(rows):
        total = sum(counts)
        y = TOP + index * ROW_HEIGHT
        x = LABEL_WIDTH
        segments = []
        for rating, count in enumerate(counts, start=1):
            width = plot_width * count / total if total else 0
            segments.append(
                {
                    "rating": rating,
                    "count": count,
                    "x": round(x, 1),
                    "width": round(width, 1),
                    "css_class": RATING_CLASSES[rating - 1],
                    "text_x": round(x + width / 2, 1),
                    "show_text": width >= 22,
                }
            )
            x += width
        drawn.append(
            {
                "label": _short(label),
                "full_label": str(label),
                "total": total,
                "y": y,
                "bar_y": y + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                "text_y": y + ROW_HEIGHT // 2 + 5,
                "segments": segments,
            }
        )
    height = TOP * 2 + max(1, len(drawn)) * ROW_HEIGHT + 30
    return {
        "id": f"chart-{next(_ids)}",
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": height,
        "label_x": LABEL_WIDTH - 8,
        "value_x": WIDTH - VALUE_WIDTH + 8,
        "rows": drawn,
        "legend_y": height - 14,
        "legend": [
            {
                "rating": n,
                "css_class": RATING_CLASSES[n - 1],
                "x": LABEL_WIDTH + (n - 1) * 70,
            }
            for n in range(1, 6)
        ],
        "legend_label": _("Rating"),
        "empty": not drawn,
    }


def percent_text(value):
    return "–" if value is None else f"{value:.0f}%"
