"""Optional CSS for the HTML format's class hooks, for light and dark pages alike."""

from __future__ import annotations

__all__ = ["STYLESHEET"]

# Colours are mixed from the text colour (currentColor), so the table follows
# whatever theme it is shown in; each color-mix() line comes after a plain
# grey that older browsers keep.
STYLESHEET = """\
.pmcompare {
  margin: 1em 0;
  max-width: 100%;
  overflow-x: auto;
}
.pmcompare-table {
  border-collapse: collapse;
  width: 100%;
  line-height: 1.45;
}
.pmcompare-table caption {
  caption-side: top;
  text-align: start;
  font-weight: 600;
  font-size: 1.15em;
  padding: 0 0 0.5em;
}
.pmcompare-table th,
.pmcompare-table td {
  border: 1px solid rgba(128, 128, 128, 0.35);
  border-color: color-mix(in srgb, currentColor 22%, transparent);
  padding: 0.5em 0.75em;
  text-align: start;
  vertical-align: top;
  overflow-wrap: anywhere;
  unicode-bidi: plaintext;
}
.pmcompare-table thead th {
  font-weight: 600;
  background: rgba(128, 128, 128, 0.12);
  background: color-mix(in srgb, currentColor 8%, transparent);
}
.pmcompare-table tbody th {
  font-weight: 600;
  width: 18%;
}
.pmcompare-table tbody tr:nth-child(even) {
  background: rgba(128, 128, 128, 0.05);
  background: color-mix(in srgb, currentColor 3%, transparent);
}
.pmcompare-summary {
  margin: 0.75em 0 0.5em;
  font-style: italic;
}
.pmcompare-definitions {
  margin: 0.5em 0 0;
}
.pmcompare-definitions dt {
  font-weight: 600;
}
.pmcompare-definitions dd {
  margin: 0 0 0.5em 1.5em;
}
.pmcompare-note {
  margin: 0.5em 0 0;
  padding-left: 0.75em;
  border-left: 3px solid rgba(128, 128, 128, 0.45);
  border-left-color: color-mix(in srgb, currentColor 30%, transparent);
  font-size: 0.92em;
}
@media (prefers-color-scheme: dark) {
  .pmcompare-table th,
  .pmcompare-table td {
    border-color: rgba(128, 128, 128, 0.45);
    border-color: color-mix(in srgb, currentColor 30%, transparent);
  }
  .pmcompare-table tbody tr:nth-child(even) {
    background: rgba(128, 128, 128, 0.08);
    background: color-mix(in srgb, currentColor 5%, transparent);
  }
}
@media (forced-colors: active) {
  .pmcompare-table th,
  .pmcompare-table td {
    border-color: CanvasText;
  }
}
@media print {
  .pmcompare {
    overflow: visible;
  }
  .pmcompare-table tr {
    break-inside: avoid;
  }
}
"""
"""CSS for the classes the HTML format writes; put it in a ``<style>`` element or a stylesheet.

It draws borders and shading from the text colour, so the table reads well
on light and dark themes (JupyterLab, VS Code, furo, MkDocs Material), and
isolates each cell's text direction.
"""
