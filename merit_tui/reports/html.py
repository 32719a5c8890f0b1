"""One self-contained HTML file (inline CSS, letterhead inlined) that prints A4 landscape.

Every piece of data goes through `html.escape`: catatan and kondisi are free text typed by users.
"""

from __future__ import annotations

import base64
import mimetypes
from html import escape
from pathlib import Path

from merit_tui.errors import MeritError
from merit_tui.reports.contract import footer_span, normalize, report_title

KINDS = ("laporan", "rencana-aksi")
# Borders as attributes too, for viewers that ignore CSS (LibreOffice opens .html this way).
PLAIN_BORDERS = 'border="1" cellspacing="0" cellpadding="3"'
SERIES_COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000")

CSS = """
@page { size: A4 landscape; margin: 15mm 15mm 18mm;
  @bottom-right { content: "Halaman " counter(page) " dari " counter(pages); font: 8pt serif; } }
body { font-family: "Libertinus Serif", "Times New Roman", serif; font-size: 11pt; color: #000; margin: 0; }
h1, h2 { text-align: center; margin: 0 0 .8em; }
h1 { font-size: 14pt; text-transform: uppercase; }
h1 small, h2 small { font-size: 11.5pt; text-transform: none; }
h2 { font-size: 13pt; text-transform: uppercase; }
.halaman { break-before: page; }
.kop img { width: 100%; height: 3cm; object-fit: contain; display: block; }
.kop .garis { border-top: 2px solid #000; margin: .2em 0 .8em; }
.identitas { width: auto; }
.identitas td { padding: 1px 8px 1px 0; border: none; }
.peringatan { border: 2px solid #b00020; color: #b00020; font-weight: bold; padding: 6px 10px; margin: .6em 0; }
.segel { border: 1px solid; padding: 6px 10px; margin: .8em 0; font-size: 9.5pt; }
.segel.sah { color: #2e7d32; } .segel.lain { color: #b00020; }
table { border-collapse: collapse; width: 100%; }
table.data, table.ringkasan { margin: .4em 0; }
table.data th, table.data td, table.ringkasan td { border: .5pt solid #000; padding: 3px 4px; vertical-align: top; }
table.data { font-size: 8.5pt; }
table.data th { background: #e1e1e1; text-align: center; vertical-align: middle; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td { overflow-wrap: break-word; white-space: pre-wrap; }
.jumlah td { background: #f2f2f2; font-weight: bold; }
.kanan { text-align: right; } .tengah { text-align: center; } .kiri { text-align: left; }
.grafik { break-inside: avoid; margin: .8em 0; font-size: 9pt; }
.grafik .baris { display: flex; align-items: center; margin: 3px 0; }
.grafik .label { width: 30%; padding-right: 6px; }
.grafik .batang { flex: 1; }
.grafik .b { height: .75em; display: inline-block; vertical-align: middle; }
.grafik .nilai { font-size: 7.5pt; margin-left: 3px; }
.legenda span { display: inline-block; width: .9em; height: .9em; margin: 0 .3em 0 1em; vertical-align: -.1em; }
.ttd { break-inside: avoid; margin: 1.2em 0 0 auto; width: 9.5cm; text-align: center; }
.ttd .ruang { height: 2.4cm; }
.ttd .nama { font-weight: bold; text-decoration: underline; }
.penutup-blok { break-inside: avoid; }
@media screen { body { max-width: 277mm; margin: 1em auto; } }
"""


def render_html(data: dict, kind: str = "laporan") -> str:
    """The report (or the plan alone) as one HTML string, same content order as the PDF."""
    if kind not in KINDS:
        raise MeritError(f"Jenis dokumen tidak dikenal: {kind!r} (pilih {', '.join(KINDS)})")
    report = normalize(data)
    plan = report["plan"]
    parts = [_kop(report["signature"]["kop"])]
    if kind == "laporan":
        title = report_title(report)
        parts += [
            f"<h1>{escape(title)}<br><small>{escape(report['assessment']['instansi'])}</small></h1>",
            _identity(report, ("instansi", "tahun", "instrument", "status")),
            _notices(report["notices"]),
            _summary(report["summary"]["lines"]),
            _chart(report["chart"]),
            _seal(report["seal"]),
            '<section class="halaman">',
            _heading(report["lampiran"]["label"], report["lampiran"]["title"]),
            _table(report["lampiran"]["columns"], report["lampiran"]["sections"],
                   report["lampiran"]["group_columns"], report["lampiran"]["totals"]),
            "</section>",
            '<section class="halaman">',
            _heading("Rencana Aksi", plan["title"]),
        ]
        closing = "Demikian laporan ini dibuat untuk dipergunakan sebagaimana mestinya."
    else:
        title = f"Rencana Aksi {plan['title']}".strip()
        parts += [
            "<section>",
            _heading("Rencana Aksi", plan["title"]),
            _identity(report, ("instansi", "instrument", "tahun", "status")),
            _notices(report["notices"]),
        ]
        closing = "Rencana aksi ini menjadi komitmen bersama untuk meningkatkan hasil penilaian pada periode berikutnya."
    parts += [
        _paths(plan["paths_title"], plan["paths"]),
        _table(plan["columns"], [{"group": None, "rows": plan["rows"], "footer": None}], [], []),
        _signature(report["signature"], closing),
        "</section>",
    ]
    body = "\n".join(p for p in parts if p)
    css = CSS + _notice_on_every_page(report["notices"])
    return (f'<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f"<style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _css_string(text: str) -> str:
    """A CSS string literal in which no user character can end the string or the <style> element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06X} " for c in text) + '"'


def _notice_on_every_page(notices: list[str]) -> str:
    if not notices:
        return ""
    text = _css_string("PERHATIAN: " + "; ".join(notices))
    return ("@page { @top-center { content: " + text
            + "; color: #b00020; font: bold 8pt serif; } }\n")


def _heading(label: str, sub: str) -> str:
    small = f"<br><small>{escape(sub)}</small>" if sub else ""
    return f"<h2>{escape(label)}{small}</h2>"


def _kop(path: str | None) -> str:
    if not path:
        return ""
    kop = Path(path)
    if not kop.is_file():
        raise MeritError(f"Berkas kop surat tidak ditemukan: {kop}")
    mime = mimetypes.guess_type(kop.name)[0] or "application/octet-stream"
    if not mime.startswith("image/"):
        raise MeritError(f"Kop surat harus gambar: {kop}")
    encoded = base64.b64encode(kop.read_bytes()).decode("ascii")
    return f'<div class="kop"><img alt="Kop surat" src="data:{mime};base64,{encoded}"><div class="garis"></div></div>'


def _identity(report: dict, keys: tuple[str, ...]) -> str:
    labels = {"instansi": "Instansi", "tahun": "Tahun penilaian", "instrument": "Instrumen", "status": "Status"}
    a = report["assessment"]
    rows = "".join(f"<tr><td>{labels[k]}</td><td>: {escape(a[k])}</td></tr>" for k in keys if a[k])
    return f'<table class="identitas">{rows}</table>' if rows else ""


def _notices(notices: list[str]) -> str:
    if not notices:
        return ""
    items = "".join(f"<br>• {escape(n)}" for n in notices)
    return f'<div class="peringatan">PERHATIAN{items}</div>'


def _summary(lines: list[dict]) -> str:
    if not lines:
        return ""
    rows = "".join(
        f'<tr><td>{escape(x["label"])}</td><td class="kanan"><b>{escape(x["value"])}</b></td>'
        f'<td>{escape(x["note"])}</td></tr>' for x in lines)
    return f'<p><b>Ringkasan Hasil</b></p><table class="ringkasan" {PLAIN_BORDERS}>{rows}</table>'


def _chart(chart: dict | None) -> str:
    if not chart or not chart["rows"]:
        return ""
    colour = lambda i: SERIES_COLOURS[i % len(SERIES_COLOURS)]  # noqa: E731
    legend = "".join(f'<span style="background:{colour(i)}"></span>{escape(s)}' for i, s in enumerate(chart["series"]))
    unit = f" ({escape(chart['unit'])})" if chart["unit"] else ""
    rows = []
    for row in chart["rows"]:
        bars = []
        for i, value in enumerate(row["values"]):
            share = max(0.0, min(value / chart["max"], 1.0)) * 82
            text = row["texts"][i] if i < len(row["texts"]) else ""
            bars.append(f'<div><span class="b" style="width:{share:.2f}%;background:{colour(i)}"></span>'
                        f'<span class="nilai">{escape(text)}</span></div>')
        rows.append(f'<div class="baris"><div class="label">{escape(row["label"])}</div>'
                    f'<div class="batang">{"".join(bars)}</div></div>')
    return (f'<div class="grafik"><div><b>{escape(chart["title"])}</b>{unit}'
            f'<span class="legenda">{legend}</span></div>{"".join(rows)}</div>')


def _seal(seal: dict | None) -> str:
    if not seal:
        return ""
    kind = "sah" if seal["state"] == "sah" else "lain"
    return f'<div class="segel {kind}">{escape(seal["text"])}</div>'


def _paths(title: str, paths: list[str]) -> str:
    if not paths:
        return ""
    items = "".join(f"<li>{escape(p)}</li>" for p in paths)
    return f"<p><b>{escape(title)}</b></p><ul>{items}</ul>"


def _cell(text: str, align: str, extra: str = "") -> str:
    cls = {"right": "kanan", "center": "tengah"}.get(align, "kiri")
    return f'<td class="{cls}"{extra}>{escape(text)}</td>'


def _table(columns: list[dict], sections: list[dict], group_columns: list[str], totals: list[dict]) -> str:
    if not columns:
        return ""
    total_weight = sum(c["width"] for c in columns)
    cols = "".join(f'<col style="width:{100 * c["width"] / total_weight:.2f}%">' for c in columns)
    head = "".join(f"<th>{escape(c['label'])}</th>" for c in columns)
    body = []
    for section in sections:
        group, rows = section["group"], section["rows"]
        merged = group is not None and bool(group_columns) and bool(rows)
        for j, row in enumerate(rows):
            cells = []
            for col in columns:
                if merged and col["key"] in group_columns:
                    if j == 0:
                        cells.append(_cell(group.get(col["key"], ""), col["align"], f' rowspan="{len(rows)}"'))
                    continue
                cells.append(_cell(row.get(col["key"], ""), col["align"]))
            body.append(f"<tr>{''.join(cells)}</tr>")
        footer = section["footer"]
        if footer is not None:
            body.append(_footer(columns, footer))
    n = len(columns)
    if totals:
        lines = "<br>".join(f"{escape(t['label'])} : {escape(t['value'])}" for t in totals)
        body.append(f'<tr class="jumlah"><td colspan="{n}">{lines}</td></tr>')
    if not body:
        body.append(f'<tr><td colspan="{n}" class="tengah"><i>(belum ada butir)</i></td></tr>')
    return (f'<table class="data" {PLAIN_BORDERS}><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def _footer(columns: list[dict], footer: dict) -> str:
    span = footer_span(columns, footer["cells"])
    n = len(columns)
    if span == n:
        return f'<tr class="jumlah"><td colspan="{n}" class="kanan">{escape(footer["label"])}</td></tr>'
    cells = []
    if span > 0:
        cells.append(_cell(footer["label"], "right", f' colspan="{span}"'))
    cells += [_cell(footer["cells"].get(c["key"], ""), c["align"]) for c in columns[span:]]
    label_row = "" if span else f'<tr class="jumlah"><td colspan="{n}">{escape(footer["label"])}</td></tr>'
    return f'{label_row}<tr class="jumlah">{"".join(cells)}</tr>'


def _signature(sig: dict, closing: str) -> str:
    return (f'<div class="penutup-blok"><p>{escape(closing)}</p><div class="ttd">'
            f'<div>{escape(sig["place_date"])}</div><div>{escape(sig["jabatan"])}</div>'
            f'<div class="ruang"></div><div class="nama">{escape(sig["nama"])}</div>'
            f'<div>NIP. {escape(sig["nip"])}</div></div></div>')
