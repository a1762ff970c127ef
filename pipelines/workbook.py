"""tpp.xlsx, the pay table as payroll opens it: a summary sheet (Ringkasan) and one
sheet per OPD (continued on "<OPD> (2)" … past Excel's row limit), Indonesian headers,
frozen header row, filters, rupiah and score formats.

Written by rustpy-xlsxwriter (the Rust rust_xlsxwriter): at 1,000,000 lines ~8× faster
than xlsxwriter, which builds each cell's XML in Python, and in constant memory. What
the binding does differently, and how it is handled here:
- a format is set per column (or row), not per cell: a text column that holds a value a
  spreadsheet would execute (=, +, -, @ …) carries Excel's quote-prefix mark on all its
  cells, which shows the same text and keeps it text when edited;
- it writes a Decimal column as empty cells and longer text than Excel holds as an
  error: `_cells` casts scores to doubles (the exact values are in tpp.parquet/tpp.csv)
  and refuses any other type it does not know to be written faithfully;
- it has no document properties: it stamps the clock into docProps/core.xml, which
  `_fix_properties` replaces by the title and the period's date, so the same pay table
  gives the same bytes.
"""

from __future__ import annotations

import html
import re
import struct
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import polars as pl
from rustpy_xlsxwriter import Format, write_worksheets

EXCEL_MAX_ROWS = 1_048_576  # rows of a worksheet, the header included
EXCEL_TEXT_MAX = 32_767  # characters of a cell
SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = r"[\[\]:*?/\\]"
SUMMARY_SHEET = "Ringkasan"
NO_OPD_SHEET = "Tanpa OPD"  # lines whose OPD is unknown (an employee row rejected for its opd_kode)
FORMULA_START = r"^[=+\-@\t\r]"  # what a spreadsheet would evaluate (OWASP CSV injection)
WRITTEN_AS_IS = (pl.String, pl.Int64, pl.Int32, pl.Float64, pl.Boolean, pl.Date)

HEADERS = {  # the payroll office's own words
    "periode": "Periode",
    "nip": "NIP",
    "nama": "Nama",
    "opd_kode": "Kode OPD",
    "nama_opd": "Nama OPD",
    "kelas_jabatan": "Kelas Jabatan",
    "pagu_tpp": "Pagu TPP",
    "hari_kerja": "Hari Kerja",
    "hari_aktif": "Hari Aktif",
    "skor_disiplin": "Skor Disiplin",
    "skor_produktivitas": "Skor Produktivitas",
    "skor_perilaku": "Skor Perilaku",
    "skor_kepuasan": "Skor Kepuasan (IKM)",
    "bonus_inovasi": "Bonus Inovasi",
    "skor_kinerja": "Skor Kinerja",
    "predikat": "Predikat",
    "persen_kinerja": "Persen Kinerja",
    "tpp_disiplin": "TPP Disiplin",
    "tpp_kinerja": "TPP Kinerja",
    "persen_hukdis": "Potongan Hukdis (%)",
    "potongan_hukdis": "Potongan Hukdis",
    "tpp_bruto": "TPP Bruto",
    "status": "Status",
    "alasan_tahan": "Alasan Tahan",
    "tpp_insentif": "TPP Insentif",
    "tpp_dibayar": "TPP Dibayar",
}
RUPIAH = ("pagu_tpp", "tpp_disiplin", "tpp_kinerja", "potongan_hukdis", "tpp_bruto", "tpp_insentif", "tpp_dibayar")
SCORES = ("skor_", "persen_", "bonus_")


def write_xlsx(frame: pl.DataFrame, path: Path, periode: str, opd_names: dict[str, str]) -> None:
    """The workbook of one period's pay table (ordered by opd_kode, nip)."""
    bold = Format().set_bold().set_background_color("#DDEBF7").set_border("thin").set_text_wrap()
    rupiah, score = Format().set_num_format('"Rp"#,##0'), Format().set_num_format("0.0000")
    as_text = Format().set_quote_prefix()

    frame = frame.sort("opd_kode", "nip", nulls_last=True, maintain_order=True)
    bayar = pl.col("status") == "BAYAR"
    # what is transferred (rulebook §10): tpp_dibayar; a table from before the pool, BAYAR tpp_bruto
    dibayar = pl.col("tpp_dibayar") if "tpp_dibayar" in frame.columns else pl.col("tpp_bruto").filter(bayar)
    insentif = pl.col("tpp_insentif") if "tpp_insentif" in frame.columns else pl.lit(0, pl.Int64)
    per_opd = (
        frame.group_by("opd_kode", maintain_order=True)
        .agg(
            pl.len().alias("asn"),
            (pl.col("status") == "BAYAR").sum().alias("bayar"),
            pl.col("tpp_bruto").filter(pl.col("status") == "BAYAR").sum().alias("total_bayar"),
            (pl.col("status") == "TAHAN").sum().alias("tahan"),
            pl.col("tpp_bruto").filter(pl.col("status") == "TAHAN").sum().alias("total_tahan"),
            insentif.sum().alias("total_insentif"),
            dibayar.sum().alias("total_ditransfer"),
        )
        .with_columns(pl.exclude("opd_kode").cast(pl.Int64))
    )
    rows_per_sheet = EXCEL_MAX_ROWS - 1
    codes = per_opd["opd_kode"].to_list()
    sheets = sheet_names(codes, [-(-n // rows_per_sheet) for n in per_opd["asn"]])

    summary = per_opd.select(
        pl.col("opd_kode").fill_null(NO_OPD_SHEET).alias("Kode OPD"),
        pl.col("asn").alias("Jumlah ASN"),
        pl.col("bayar").alias("Baris BAYAR"),
        pl.col("total_bayar").alias("Total BAYAR"),
        pl.col("tahan").alias("Baris TAHAN"),
        pl.col("total_tahan").alias("Total TAHAN"),
        pl.col("total_insentif").alias("Total Insentif"),
        pl.col("total_ditransfer").alias("Total Ditransfer"),
        pl.Series("Nama OPD", [opd_names.get(c) for c in codes], dtype=pl.String),
        pl.Series("Lembar", [", ".join(sheets[c]) for c in codes], dtype=pl.String),
    )
    totals = summary.select(
        pl.lit("JUMLAH").alias("Kode OPD"),
        pl.col(summary.columns[1:8]).sum(),
        pl.lit(None, pl.String).alias("Nama OPD"),
    ).with_columns(pl.lit(None, pl.String).alias("Lembar"))
    summary = _cells(pl.concat([summary, totals]))
    entries = [(SUMMARY_SHEET, summary)]
    formats = {
        SUMMARY_SHEET: [
            _quoted(summary, c, as_text) or (rupiah if c.startswith("Total") else None) for c in summary.columns
        ]
    }
    widths = {SUMMARY_SHEET: [16, 18, 18, 20, 18, 20, 20, 20, 32, 32]}
    headers, filters = {SUMMARY_SHEET: bold}, {}

    # the OPD's name sits beside its code on every line: a sheet name holds at most 31
    # characters of the code
    shown = frame.insert_column(
        frame.columns.index("opd_kode") + 1,
        frame.select(
            pl.col("opd_kode").replace_strict(opd_names, default=None, return_dtype=pl.String).alias("nama_opd")
        ).to_series(),
    )
    shown = _cells(shown)
    # a column without an Indonesian header (e.g. one added later) keeps its own name
    named = shown.rename({c: HEADERS.get(c, c) for c in shown.columns})
    number = [rupiah if c in RUPIAH else score if c.startswith(SCORES) else None for c in shown.columns]
    width = [22 if c in ("nama", "nama_opd") else 14 for c in shown.columns]
    start = 0
    for opd, count in zip(codes, per_opd["asn"], strict=True):
        lines = named.slice(start, count)  # contiguous: no copy of the month
        start += count
        for part, name in enumerate(sheets[opd]):
            rows = lines.slice(part * rows_per_sheet, rows_per_sheet)
            entries.append((name, rows))
            formats[name] = [_quoted(rows, c, as_text) or fmt for c, fmt in zip(rows.columns, number, strict=True)]
            widths[name], headers[name], filters[name] = width, bold, True

    write_worksheets(
        entries,
        str(path),
        freeze_panes={"general": {"row": 1, "col": 0}},
        column_widths=widths,
        column_formats=formats,
        header_format=headers,
        autofilter=filters,
        # the totals row in bold; the summary is small and written buffered (the binding
        # repeats the last row of a constant-memory sheet that has a row format)
        row_formats={SUMMARY_SHEET: {summary.height: bold}},
        dedupe_strings={SUMMARY_SHEET: True},
    )
    _fix_properties(path, f"TPP {periode}", datetime.strptime(periode, "%Y-%m"))


def _cells(frame: pl.DataFrame) -> pl.DataFrame:
    """What each cell shows: spreadsheet cells are numbers, so scores become doubles (4
    places shown; the exact values are in tpp.parquet/tpp.csv; money is whole rupiah and
    exact either way) and text is cut at Excel's cell limit. Any other type is refused
    rather than risk a column of blank cells."""
    frame = frame.with_columns(pl.col(c).cast(pl.Float64) for c, t in frame.schema.items() if isinstance(t, pl.Decimal))
    text = [c for c, t in frame.schema.items() if t == pl.String]
    longest = frame.select(pl.col(text).str.len_chars().max()).row(0) if text else ()
    too_long = [c for c, n in zip(text, longest, strict=True) if n is not None and n > EXCEL_TEXT_MAX]
    frame = frame.with_columns(pl.col(c).str.slice(0, EXCEL_TEXT_MAX) for c in too_long)
    unknown = [f"{c} ({t})" for c, t in frame.schema.items() if t not in WRITTEN_AS_IS and t != pl.Null]
    if unknown:
        raise TypeError(f"tpp.xlsx cannot show column(s) {', '.join(unknown)}; cast them first.")
    return frame


def _quoted(rows: pl.DataFrame, column: str, as_text: Format) -> Format | None:
    """Excel's "this is text" mark for a text column holding a value a spreadsheet would execute."""
    if rows.schema[column] != pl.String:
        return None
    return as_text if rows.select(pl.col(column).str.contains(FORMULA_START).any()).item() else None


def sheet_names(opd_codes: list[str | None], parts: list[int]) -> dict[str | None, list[str]]:
    """Valid, unique worksheet names for each OPD code (and its continuation sheets):
    Excel forbids [ ] : * ? / \\, a leading or trailing apostrophe and more than 31
    characters, and compares names without regard to case."""
    taken = {SUMMARY_SHEET.casefold(), "history"}  # "History" is reserved by Excel
    names = {}
    for code, count in zip(opd_codes, parts, strict=True):
        base = NO_OPD_SHEET if code is None else re.sub(SHEET_FORBIDDEN, "_", code).strip("' ") or "OPD"
        names[code] = []
        for part in range(1, max(count, 1) + 1):
            suffix, n = (f" ({part})" if part > 1 else ""), 1
            name = _cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
            while name.casefold() in taken:  # a clash after cutting or case-folding: number it
                n += 1
                tag = f"~{n}{suffix}"
                name = _cut(base, SHEET_NAME_MAX - len(tag)) + tag
            taken.add(name.casefold())
            names[code].append(name)
    return names


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters as Excel counts them (UTF-16 units: 𝐀 is two), no
    apostrophe at the end."""
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    return text.rstrip("' ")


def _fix_properties(path: Path, title: str, created: datetime) -> None:
    """Put the title and a fixed creation date into docProps/core.xml. Every other member
    of the zip is copied as it is, still compressed (milliseconds, where re-compressing
    the sheets would take seconds)."""
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    fixed = path.with_name(path.name + ".tmp")
    with path.open("rb") as source, zipfile.ZipFile(source) as book, fixed.open("wb") as out:
        central = []
        for info in book.infolist():
            if max(info.compress_size, info.file_size, info.header_offset) >= 0xFFFFFFFF:
                raise OSError("tpp.xlsx needs ZIP64, which fixing its properties does not handle")
            source.seek(info.header_offset)
            local = source.read(30)
            name_extra = source.read(sum(struct.unpack("<HH", local[26:30])))
            offset = out.tell()
            if info.filename == "docProps/core.xml":
                xml = book.read(info).decode()
                xml = re.sub(r"(<dcterms:(?:created|modified) [^>]*>)[^<]*", lambda m: m[1] + stamp, xml)
                xml = xml.replace(
                    "<dc:creator>", f"<dc:title>{html.escape(title, quote=False)}</dc:title><dc:creator>", 1
                )
                raw = xml.encode()
                deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
                data = deflate.compress(raw) + deflate.flush()
                crc, size, unpacked = zlib.crc32(raw), len(data), len(raw)
                info.flag_bits &= ~0x08  # sizes in the local header, no data descriptor
                info.compress_type = zipfile.ZIP_DEFLATED
                out.write(
                    local[:6]
                    + struct.pack("<HH", info.flag_bits, info.compress_type)
                    + local[10:14]
                    + struct.pack("<III", crc, size, unpacked)
                    + local[26:30]
                    + name_extra
                    + data
                )
            else:
                crc, size, unpacked = info.CRC, info.compress_size, info.file_size
                out.write(local + name_extra)
                _copy(source, out, size)
                if info.flag_bits & 0x08:  # a data descriptor follows the data: copy it too
                    signature = source.read(4)
                    out.write(signature + source.read(12 if signature == b"PK\x07\x08" else 8))
            central.append((info, crc, size, unpacked, offset))
        directory = out.tell()
        for info, crc, size, unpacked, offset in central:
            name = info.filename.encode()
            year, month, day, hour, minute, second = info.date_time
            out.write(
                struct.pack(
                    "<IBBHHHHHIIIHHHHHII",
                    0x02014B50,
                    info.create_version,
                    info.create_system,
                    info.extract_version,
                    info.flag_bits,
                    info.compress_type,
                    hour << 11 | minute << 5 | second // 2,
                    (year - 1980) << 9 | month << 5 | day,
                    crc,
                    size,
                    unpacked,
                    len(name),
                    len(info.extra),
                    len(info.comment),
                    0,
                    info.internal_attr,
                    info.external_attr,
                    offset,
                )
                + name
                + info.extra
                + info.comment
            )
        end = out.tell()
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), end - directory, directory, 0))
    fixed.replace(path)


def _copy(source, out, size: int) -> None:
    while size:
        chunk = source.read(min(size, 1 << 20))
        if not chunk:
            raise OSError("tpp.xlsx ended early while its properties were fixed")
        out.write(chunk)
        size -= len(chunk)
