"""Small server-side SVG charts (no script, no CDN): every label escaped here."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def hbars(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    color: str = "#b91c1c",
    width: int = 520,
    bar_height: int = 18,
) -> SafeString:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    if not rows:
        return mark_safe("")
    label_w, gap = 220, 6
    top = max(v for _, v in rows) or 1
    height = len(rows) * (bar_height + gap) + 24
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(rows):
        y = 20 + i * (bar_height + gap)
        w = round((width - label_w - 40) * value / top)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="0" y="{y + bar_height - 5}" font-size="12">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_height}" fill="{color}"/>'
            f'<text x="{label_w + w + 4}" y="{y + bar_height - 5}" font-size="12">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every label escaped above)


def stacked(parts: Sequence[tuple[str, int, str]], *, title: str, width: int = 520) -> SafeString:
    """One stacked bar of (label, value, colour) with a legend below."""
    total = sum(v for _, v, _ in parts)
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="52" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    x = 0.0
    for _label, value, color in parts:
        w = width * value / total if total else 0
        out.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="20" fill="{color}"/>')
        x += w
    lx = 0
    for label, value, color in parts:
        out.append(
            f'<rect x="{lx}" y="30" width="12" height="12" fill="{color}"/>'
            f'<text x="{lx + 16}" y="41" font-size="12">{escape(label)}: {value}</text>'
        )
        lx += 130
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every label escaped above)
