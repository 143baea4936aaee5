"""Optional CSS for the HTML format's class hooks, for light and dark pages alike."""

from __future__ import annotations

__all__ = ["STYLESHEET"]

# Colours are mixed from the text colour (currentColor), so the table follows
# whatever theme it is shown in; each color-mix() line comes after a plain
# grey that older browsers keep. The alignment and wrapping rules double the
# table's class to outweigh a theme's own, such as sphinx_rtd_theme's
# `.wy-table-responsive table td {white-space: nowrap}` and
# `.rst-content table.docutils td {vertical-align: middle}`. Where the
# wrapper is narrower than 36em (a phone) the table is stacked: each row a
# block, its aspect above each concept's statement, and each statement under
# its column's name, from the cell's data-label (HTML format) or its
# pmcompare-label span (the Sphinx extension). The wrapper is a div.pmcompare,
# never the reStructuredText format's table of class pmcompare, which must
# not become a size container.
STYLESHEET = """\
div.pmcompare {
  margin: 1em 0;
  max-width: 100%;
  overflow-x: auto;
  container: pmcompare / inline-size;
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
  overflow-wrap: anywhere;
  unicode-bidi: plaintext;
}
.pmcompare .pmcompare-table.pmcompare-table th,
.pmcompare .pmcompare-table.pmcompare-table td {
  text-align: start;
  vertical-align: top;
  white-space: normal;
}
.pmcompare-table thead th {
  font-weight: 600;
  background: rgba(128, 128, 128, 0.12);
  background: color-mix(in srgb, currentColor 8%, transparent);
}
.pmcompare-table tbody th {
  font-weight: 600;
  width: 18%;
  overflow-wrap: break-word;
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
.pmcompare .pmcompare-label {
  display: none;
}
@container pmcompare (max-width: 36em) {
  .pmcompare table.pmcompare-table,
  .pmcompare table.pmcompare-table :is(caption, tbody, tr, th, td) {
    display: block;
    width: auto;
  }
  .pmcompare table.pmcompare-table :is(thead, colgroup) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .pmcompare table.pmcompare-table tbody tr {
    border-top: 1px solid rgba(128, 128, 128, 0.35);
    border-top-color: color-mix(in srgb, currentColor 22%, transparent);
    padding: 0.25em 0;
  }
  .pmcompare .pmcompare-table.pmcompare-table tbody :is(th, td) {
    border: 0;
    padding: 0.25em 0.75em;
    background: none;
  }
  .pmcompare table.pmcompare-table td[data-label]::before,
  .pmcompare .pmcompare-label {
    display: block;
    font-size: 0.85em;
    font-weight: 600;
    opacity: 0.75;
  }
  .pmcompare table.pmcompare-table td[data-label]::before {
    content: attr(data-label);
  }
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
  div.pmcompare {
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
isolates each cell's text direction. Cells wrap and start-align whatever the
theme says; in a space narrower than 36em, such as a phone, the table is
stacked, each statement under its column's name, with nothing to scroll.
The Sphinx extension and the Markdown extension add it to their pages.
"""
