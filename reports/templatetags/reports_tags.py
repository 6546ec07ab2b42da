"""Small template helpers for the report tables."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html

register = template.Library()

DASH = "–"


@register.filter
def pct(value):
    """A percentage rounded to a whole number, or a dash for no value."""
    if value is None or value == "":
        return DASH
    return f"{number_format(round(float(value)), 0)}%"


@register.filter
def num(value, digits=1):
    """A number with ``digits`` decimals in the active locale, or a dash."""
    if value is None or value == "":
        return DASH
    return number_format(round(float(value), int(digits)), int(digits))


@register.simple_tag
def sort_header(view, key, label, classname=""):
    """A column heading that sorts the report by ``key`` (again: reversed)."""
    current = view.ordering or ""
    if current == key:
        state, arrow = "ascending", " ▲"
    elif current == f"-{key}":
        state, arrow = "descending", " ▼"
    else:
        state, arrow = "none", ""
    return format_html(
        '<th scope="col" class="{}" aria-sort="{}"><a href="{}">{}{}</a></th>',
        classname,
        state,
        view.ordering_url(key),
        label,
        arrow,
    )


@register.filter
def export_url(view, export_format):
    """The report's spreadsheet URL with the current filters."""
    return view.export_url(export_format)
