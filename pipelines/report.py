"""The period report: `<exports>/<YYYY-MM>/laporan.html` for payroll and auditors, and
`laporan-publik.html`, the same month per OPD without personal data. Each is one
self-contained page (inline CSS and SVG, no script, no network) rendered with Jinja2;
the charts are pygal's SVG. Read-only on the warehouse; every figure is a published one
(marts.*, audit.*), so the page of a month says what payroll was given for it.

Written by the pipeline after a validated export (asset exports/laporan) and by
`tpp report --period YYYY-MM`. The page carries no clock time: a re-run that publishes
nothing new rewrites it byte for byte.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import pygal
from pygal.etree import etree
from pygal.style import Style

from pipelines import rules
from pipelines.explain import angka, changed_since_publication, has_table, rows, rupiah

PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
KOLOM_PREDIKAT = dict(
    zip(
        PREDIKAT,
        ("jumlah_sangat_baik", "jumlah_baik", "jumlah_butuh_perbaikan", "jumlah_kurang", "jumlah_sangat_kurang"),
        strict=True,
    )
)
HORIZONTAL = (pygal.HorizontalBar, pygal.HorizontalStackedBar)  # a bar per label, as tall as the labels need
MIN_SEL = 5  # public page: a cell counting fewer ASN than this is not shown
DISEMBUNYIKAN = "x"  # one mark for every hidden count: which of them is the small one is not told
PALET = ("#1b6ca8", "#7fb800", "#f6a800", "#e4572e", "#8c1c13", "#5c6b73", "#2a9d8f", "#9c89b8")
GAYA = Style(
    background="white",
    plot_background="white",
    font_family="DejaVu Sans, Arial, sans-serif",
    colors=PALET,
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=11,
    value_font_size=10,
    title_font_size=14,
)


@dataclass(frozen=True)
class Written:
    laporan: Path
    publik: Path
    jumlah_grafik: int


def _previous(periode: str) -> str:
    year, month = (int(x) for x in periode.split("-"))
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def gather(con, periode: str) -> dict[str, Any]:
    """Every figure of the month's pages, from the published tables."""
    sebelum = _previous(periode)
    ringkas = rows(
        con,
        "select count(*) as jumlah_asn, count(*) filter (where status = 'BAYAR') as jumlah_bayar, "
        "count(*) filter (where status = 'TAHAN') as jumlah_tahan, "
        "coalesce(sum(tpp_bruto) filter (where status = 'BAYAR'), 0) as total_bayar, "
        "coalesce(sum(tpp_bruto) filter (where status = 'TAHAN'), 0) as total_tahan, "
        "coalesce(sum(pagu_tpp), 0) as total_pagu, "
        "coalesce(sum(pagu_tpp) filter (where status = 'BAYAR'), 0) as pagu_bayar from marts.fct_tpp where periode = ?",
        [periode],
    )[0]
    if not ringkas["jumlah_asn"]:
        raise LookupError(f"marts.fct_tpp has no published lines for {periode}: nothing to report.")
    # every OPD of the month's snapshot, with or without lines, and lines of no known OPD
    opd = rows(
        con,
        "with baris as (select * from marts.fct_tpp where periode = ?), "
        "snapshot as (select opd_kode, any_value(nama_opd) as nama_opd from raw.opd where _periode = ? group by 1), "
        "per_opd as (select opd_kode, count(*) as jumlah_asn, count(*) filter (where status = 'BAYAR') as jumlah_bayar, "
        "  count(*) filter (where status = 'TAHAN') as jumlah_tahan, coalesce(sum(pagu_tpp), 0) as total_pagu, "
        "  coalesce(sum(pagu_tpp) filter (where status = 'BAYAR'), 0) as pagu_bayar, "
        "  coalesce(sum(tpp_bruto) filter (where status = 'BAYAR'), 0) as total_bayar, "
        "  coalesce(sum(tpp_bruto) filter (where status = 'TAHAN'), 0) as total_tahan, "
        "  avg(skor_disiplin) filter (where status = 'BAYAR') as rata_disiplin, "
        "  avg(skor_kinerja) filter (where status = 'BAYAR') as rata_kinerja from baris group by 1) "
        "select coalesce(s.opd_kode, p.opd_kode, '') as opd_kode, coalesce(s.nama_opd, '') as nama_opd, "
        "coalesce(jumlah_asn, 0) as jumlah_asn, coalesce(jumlah_bayar, 0) as jumlah_bayar, "
        "coalesce(jumlah_tahan, 0) as jumlah_tahan, coalesce(total_pagu, 0) as total_pagu, "
        "coalesce(total_bayar, 0) as total_bayar, coalesce(total_tahan, 0) as total_tahan, "
        "coalesce(pagu_bayar, 0) as pagu_bayar, rata_disiplin, rata_kinerja "
        "from snapshot s full join per_opd p on s.opd_kode = p.opd_kode order by 1",
        [periode, periode],
    )
    distribusi = {
        r["opd_kode"]: r
        for r in rows(con, "select * from marts.fct_distribusi_predikat where periode = ? order by opd_kode", [periode])
    }
    # the public page: an OPD's paid count, rupiah and average scores only where its count
    # is shown (`suppressed` against the city total); its predikat counts only then and
    # when 5+ lines were assessed (their sum would give the hidden count away), each row
    # suppressed against its own total
    shown = suppressed([row["jumlah_bayar"] for row in opd])
    for row, publik in zip(opd, shown, strict=True):
        dist = row["distribusi"] = distribusi.get(row["opd_kode"])
        row["publik_rupiah"] = isinstance(publik, int)
        row["publik_bayar"] = publik
        row["publik_predikat"] = (
            suppressed([dist[KOLOM_PREDIKAT[p]] for p in PREDIKAT])
            if dist and dist["jumlah_asn"] >= MIN_SEL and row["publik_rupiah"]
            else None
        )
    # the public pool table: an OPD whose row is public; its recipients and what they
    # got (and what went back, which would give that away) only at 0 or MIN_SEL+ recipients
    insentif = (
        rows(con, "select * from marts.fct_insentif_opd where periode = ? order by opd_kode", [periode])
        if has_table(con, "marts", "fct_insentif_opd")
        else []
    )
    public_opd = {row["opd_kode"]: row["publik_rupiah"] for row in opd}
    for pool in insentif:
        pool["publik"] = public_opd.get(pool["opd_kode"] or "", False)
        pool["publik_penerima"] = pool["jumlah_penerima"] == 0 or pool["jumlah_penerima"] >= MIN_SEL
    return {
        "periode": periode,
        "ringkas": ringkas,
        "opd": opd,
        "disiplin": rows(  # the public page draws the codes of 5+ ASN only
            con,
            "select kode, count(*) as jumlah, count(distinct nip) as jumlah_asn, sum(poin) as poin "
            "from marts.fct_tpp_rincian where periode = ? group by kode order by jumlah desc, kode",
            [periode],
        ),
        "unit": rows(
            con,
            "select i.unit_layanan_kode, any_value(u.nama_unit) as nama_unit, any_value(u.opd_kode) as opd_kode, "
            "any_value(i.jumlah_responden) as jumlah_responden, any_value(i.ikm) as ikm, "
            "any_value(i.mutu_pelayanan) as mutu_pelayanan, any_value(i.ikm_berlaku) as ikm_berlaku "
            "from intermediate.int_ikm_unit i left join raw.unit_layanan u "
            "  on u._periode = i.periode and u.unit_layanan_kode = i.unit_layanan_kode "
            "where i.periode = ? group by 1 order by 1",
            [periode],
        ),
        "tahan": rows(
            con,
            "select trim(alasan) as alasan, count(*) as jumlah, sum(tpp_bruto) as total from marts.fct_tpp, "
            "unnest(string_split(alasan_tahan, ',')) as t(alasan) where periode = ? and status = 'TAHAN' "
            "group by 1 order by jumlah desc, alasan",
            [periode],
        ),
        "karantina": rows(
            con,
            "select source as sumber, reason as alasan, count(*) as jumlah from audit.quarantine "
            "where periode = ? group by all order by sumber, jumlah desc, alasan",
            [periode],
        ),
        "masukan": rows(
            con,
            "select source as sumber, file_name as berkas, rows_read as dibaca, rows_accepted as diterima, "
            "rows_rejected as ditolak from audit.ingest_counts where periode = ? order by source",
            [periode],
        ),
        "sebelum": _change(con, periode, sebelum),
        "insentif": insentif,  # rulebook §10 per OPD (none in a warehouse from before the pool)
    }


def _change(con, periode: str, sebelum: str) -> dict[str, Any] | None:
    """Totals against the previous published month, and the lines that moved most."""
    lalu = rows(
        con,
        "select count(*) as jumlah_asn, coalesce(sum(tpp_bruto) filter (where status = 'BAYAR'), 0) as total_bayar, "
        "coalesce(sum(tpp_bruto) filter (where status = 'TAHAN'), 0) as total_tahan, "
        "count(*) filter (where status = 'TAHAN') as jumlah_tahan from marts.fct_tpp where periode = ?",
        [sebelum],
    )[0]
    if not lalu["jumlah_asn"]:
        return None
    bergerak = rows(
        con,
        "with kini as (select * from marts.fct_tpp where periode = ?), "
        "lalu as (select * from marts.fct_tpp where periode = ?) "
        "select coalesce(k.nip, l.nip) as nip, coalesce(k.nama, l.nama) as nama, "
        "coalesce(k.opd_kode, l.opd_kode) as opd_kode, l.tpp_bruto as lalu, l.status as status_lalu, "
        "k.tpp_bruto as kini, k.status as status_kini, "
        "coalesce(k.tpp_bruto, 0) - coalesce(l.tpp_bruto, 0) as selisih "
        "from kini k full join lalu l on k.nip = l.nip "
        "order by abs(coalesce(k.tpp_bruto, 0) - coalesce(l.tpp_bruto, 0)) desc, 1 limit 10",
        [periode, sebelum],
    )
    counts = con.execute(
        "select count(*) filter (where l.nip is null), count(*) filter (where k.nip is null) "
        "from (select nip from marts.fct_tpp where periode = ?) k "
        "full join (select nip from marts.fct_tpp where periode = ?) l on k.nip = l.nip",
        [periode, sebelum],
    ).fetchone()
    return {"periode": sebelum, **lalu, "baru": counts[0], "keluar": counts[1], "bergerak": bergerak}


def chart(key: str, kind, title: str, labels: list[str], series: dict[str, list], **options) -> str:
    """One pygal chart as inline SVG: no script, no external style, no XML prolog."""
    drawn = kind(
        title=title,
        style=GAYA,
        js=[],  # pygal's tooltips load a script from the web: none here
        disable_xml_declaration=True,
        width=900,
        height=max(320, 26 * len(labels) + 140) if kind in HORIZONTAL else 380,
        print_values=False,
        truncate_label=-1,
        legend_at_bottom=True,
        **options,
    )
    drawn.uuid = key  # pygal's id is random: the page would differ on every render
    top_down = kind in HORIZONTAL  # pygal draws the first label at the bottom
    drawn.x_labels = labels[::-1] if top_down else labels
    for name, values in series.items():
        drawn.add(name, values[::-1] if top_down else values)
    return svg_text(drawn)


def svg_text(chart) -> str:
    """A pygal chart's SVG without the inert config <script> and the dated credit comment
    pygal adds: a page that runs nothing and renders the same data the same way any day."""
    root = chart.render_tree()
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag is etree.Comment or str(child.tag).endswith("script"):
                parent.remove(child)
    return etree.tostring(root, encoding="unicode")


def _rupiah(n: int | None) -> str:
    return "-" if n is None else rupiah(int(n))


def charts(data: dict[str, Any], publik: bool) -> dict[str, str]:
    """The charts of a page, by id; the public page leaves out what names a person."""
    opd = [r for r in data["opd"] if not publik or r["publik_rupiah"]]
    kode = [r["opd_kode"] or "(tanpa OPD)" for r in opd]
    dinilai = [r for r in data["opd"] if (r["publik_predikat"] if publik else r["distribusi"])]
    # the public page draws no bar (nor its label) that counts fewer than MIN_SEL ASN
    disiplin = [r for r in data["disiplin"] if not publik or r["jumlah_asn"] >= MIN_SEL]
    tahan = [r for r in data["tahan"] if not publik or r["jumlah"] >= MIN_SEL]
    found = {
        "grafik-pagu": chart(
            "grafik-pagu",
            pygal.HorizontalBar,
            "Dibayar (BAYAR) dan pagu per OPD, juta rupiah (angka tepat di tabel)",
            kode,
            {  # the public page: the pagu of the paid lines only (held lines are not shown there)
                "Pagu": [juta(r["pagu_bayar" if publik else "total_pagu"]) for r in opd],
                "Dibayar": [juta(r["total_bayar"]) for r in opd],
            },
        ),
        "grafik-predikat": chart(
            "grafik-predikat",
            pygal.StackedBar,
            "Sebaran predikat per OPD (baris BAYAR), % — aturan §8",
            [r["opd_kode"] for r in dinilai],
            {  # the public page draws only the counts its table shows
                p: [
                    _share(
                        r["publik_predikat"][i] if publik else r["distribusi"][KOLOM_PREDIKAT[p]],
                        r["distribusi"]["jumlah_asn"],
                    )
                    for r in dinilai
                ]
                for i, p in enumerate(PREDIKAT)
            },
            x_label_rotation=30,
        ),
        "grafik-disiplin": chart(
            "grafik-disiplin",
            pygal.Bar,
            "Kode disiplin menurut frekuensi",
            [r["kode"] for r in disiplin],
            {"Kejadian": [r["jumlah"] for r in disiplin]},
        ),
        "grafik-ikm": chart(
            "grafik-ikm",
            pygal.HorizontalBar,
            f"IKM per unit layanan (mutu {_mutu_bands(data['periode'])})",
            [f"{r['unit_layanan_kode']} ({r['mutu_pelayanan'] or '-'})" for r in data["unit"]],
            {
                "IKM (berlaku)": [float(r["ikm"]) if r["ikm_berlaku"] else None for r in data["unit"]],
                "IKM (responden kurang)": [
                    float(r["ikm"]) if not r["ikm_berlaku"] and r["ikm"] is not None else None for r in data["unit"]
                ],
            },
            range=(0, 100),
        ),
        "grafik-tahan": chart(
            "grafik-tahan",
            pygal.Bar,
            "Baris ditahan menurut alasan",
            [r["alasan"] for r in tahan],
            {"Baris": [r["jumlah"] for r in tahan]},
        ),
    }
    if not publik:
        sumber = sorted({r["sumber"] for r in data["karantina"]})
        alasan = sorted({r["alasan"] for r in data["karantina"]})
        found["grafik-karantina"] = chart(
            "grafik-karantina",
            pygal.StackedBar,
            "Baris masukan ditolak per sumber dan alasan",
            sumber,
            {
                a: [
                    next((r["jumlah"] for r in data["karantina"] if r["sumber"] == s and r["alasan"] == a), None)
                    for s in sumber
                ]
                for a in alasan
            },
        )
        sebelum = data["sebelum"]
        found["grafik-perubahan"] = chart(
            "grafik-perubahan",
            pygal.Bar,
            f"Total dibayar dan ditahan, juta rupiah: {sebelum['periode'] if sebelum else 'bulan lalu'} dan {data['periode']}",
            ["Dibayar (BAYAR)", "Ditahan (TAHAN)"],
            {
                sebelum["periode"] if sebelum else "bulan lalu (tidak ada)": [
                    juta(sebelum["total_bayar"]) if sebelum else None,
                    juta(sebelum["total_tahan"]) if sebelum else None,
                ],
                data["periode"]: [juta(data["ringkas"]["total_bayar"]), juta(data["ringkas"]["total_tahan"])],
            },
        )
    return found


def _mutu_bands(periode: str) -> str:
    """The mutu bands in force (seed mutu_pelayanan): "A ≥ 88,31; B ≥ 76,61; C ≥ 65,00"."""
    bands = sorted(
        rules.in_force("mutu_pelayanan", periode).select("mutu", "ikm_min").iter_rows(), key=lambda b: -Decimal(b[1])
    )
    return "; ".join(f"{mutu} ≥ {ikm_min.replace('.', ',')}" for mutu, ikm_min in bands if Decimal(ikm_min))


def juta(n: int) -> float:
    return round(int(n) / 1_000_000, 2)  # drawing only; the tables carry exact rupiah


def _share(count: int | str, total: int) -> float | None:
    hidden = isinstance(count, str)
    return None if not total or hidden else round(100 * count / total, 1)  # drawing only; tables are exact


def suppressed(counts: list[int]) -> list[int | str]:
    """Counts of one row of the public page, whose total is public too (the OPD's paid
    ASN, the city's): every count of 1–4 ASN is hidden, and with it the next smallest
    counts until the hidden ones are at least two and sum to at least MIN_SEL more than
    their number minus one — then, knowing the total, each hidden count could still be
    anything from 1 to MIN_SEL or more, so none of them, small or not, can be worked out.
    All hidden counts carry the same mark; zeros are shown."""
    hidden = {i for i, n in enumerate(counts) if 0 < n < MIN_SEL}
    rest = sorted((n, i) for i, n in enumerate(counts) if n >= MIN_SEL)
    while hidden and (len(hidden) < 2 or sum(counts[i] for i in hidden) - (len(hidden) - 1) < MIN_SEL) and rest:
        hidden.add(rest.pop(0)[1])
    return [DISEMBUNYIKAN if i in hidden else n for i, n in enumerate(counts)]


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipelines", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters |= {
        "rp": _rupiah,
        "angka": lambda n: "-" if n is None else angka(int(n)),
        "des": lambda x, places=2: (
            "-" if x is None else f"{x:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        ),
        "persen": lambda a, b: "-" if not b else f"{100 * a / b:.1f}".replace(".", ",") + "%",
        "sel": lambda n: n if isinstance(n, str) else angka(int(n)),
    }
    return env


def write(con, periode: str, folder: Path) -> Written:
    """Render both pages of the month into `folder` (the period's export folder)."""
    # beside a validated export only: the period folder is the link to its current
    # revision (pipelines/exports.py); never make that folder here
    if not folder.is_symlink() or not (folder / "manifest.json").is_file():
        raise LookupError(f"No validated export of {periode} at {folder}: the report goes beside one (tpp run).")
    data = gather(con, periode)
    data["berubah"] = changed_since_publication(con, periode)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    env = environment()
    pages = {}
    for name, publik in (("laporan.html", False), ("laporan-publik.html", True)):
        grafik = charts(data, publik)
        html = env.get_template(name + ".j2").render(d=data, grafik=grafik, manifest=manifest, min_sel=MIN_SEL)
        fresh = folder / f".{name}.baru"  # a reader never sees half a page
        fresh.write_text(html, encoding="utf-8")
        os.replace(fresh, folder / name)
        pages[name] = len(grafik)
    return Written(folder / "laporan.html", folder / "laporan-publik.html", pages["laporan.html"])
