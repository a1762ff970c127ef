"""Read one landing file and split it into accepted rows and quarantined rows.

Everything here is vectorised polars. A file that cannot be read as a whole raises
`LandingError` (the period stops with that message); a row that fails a check is
returned in the quarantine frame with the first reason it failed, never dropped.
"""

from __future__ import annotations

import calendar
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import fastexcel
import polars as pl

from pipelines.exports import sha256
from pipelines.sources import Col, InForce, Source

FORMATS = (".csv", ".xlsx", ".parquet")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
TIME_FORMATS = ("%H:%M:%S", "%H:%M")
DECIMAL_PLACES = 6  # contracts.md §1: more places are rejected, never rounded
# numbers exactly as the contract writes them: digits, a `.` before at most 6 places
INT_TEXT, DECIMAL_TEXT = r"^-?\d+$", rf"^-?\d+(\.\d{{1,{DECIMAL_PLACES}}})?$"
# what a person (or an office tool in Indonesian locale) writes instead: grouped
# thousands (1.500.000; 1,500,000.5), a decimal comma (87,5; 1.500,5); in a
# whole-number column also one group (1.500). In a decimal column 1.500 is 1.5, as the
# contract says; malformed text such as 1.234.5 is simply not a number.
SEPARATED_TEXT = r"^-?\d{1,3}(\.\d{3}){2,}$|^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+,\d+$|^-?\d{1,3}(\.\d{3})+,\d+$"
SEPARATED_INT_TEXT = SEPARATED_TEXT + r"|^-?\d{1,3}(\.\d{3})+$"
TOO_PRECISE_TEXT = rf"^-?\d+\.\d{{{DECIMAL_PLACES + 1},}}$"
TRUE_VALUES, FALSE_VALUES = ("true", "1", "ya"), ("false", "0", "tidak")
META = ("_periode", "_file_name", "_line", "_file_sha256")

DTYPES = {
    "text": pl.String,
    "nip": pl.String,
    "date": pl.Date,
    "time": pl.Time,
    "int": pl.Int64,
    "decimal": pl.Decimal(18, DECIMAL_PLACES),
    "bool": pl.Boolean,
}

# Reason codes (README lists them with their meaning).
WAJIB_DIISI = "WAJIB_DIISI"
NIP_TIDAK_VALID = "NIP_TIDAK_VALID"
NIP_TIDAK_DIKENAL = "NIP_TIDAK_DIKENAL"
KODE_TIDAK_DIKENAL = "KODE_TIDAK_DIKENAL"
REFERENSI_DITOLAK = "REFERENSI_DITOLAK"
JAWABAN_KOSONG = "JAWABAN_KOSONG"
FORMAT_TIDAK_VALID = {
    "date": "TANGGAL_TIDAK_VALID",
    "time": "JAM_TIDAK_VALID",
    "int": "ANGKA_TIDAK_VALID",
    "decimal": "ANGKA_TIDAK_VALID",
    "bool": "NILAI_TIDAK_DIKENAL",
}
NILAI_TIDAK_DIKENAL = "NILAI_TIDAK_DIKENAL"
PEMISAH_ANGKA = "PEMISAH_ANGKA_TIDAK_VALID"
DESIMAL_LEBIH = "DESIMAL_LEBIH_DARI_6"
DI_LUAR_RENTANG = "NILAI_DI_LUAR_RENTANG"
DI_LUAR_PERIODE = "TANGGAL_DI_LUAR_PERIODE"
URUTAN_TERBALIK = "URUTAN_TERBALIK"
DUPLIKAT = "DUPLIKAT"
DUPLIKAT_BERBEDA = "DUPLIKAT_BERBEDA"


@dataclass(frozen=True)
class Known:
    """The values a referencing column may take: those accepted in the referenced source
    for the period; `rejected` are values whose own row was quarantined."""

    accepted: pl.Series
    rejected: pl.Series = field(default_factory=lambda: pl.Series(dtype=pl.String))


class LandingError(Exception):
    """A whole file (or a required file) cannot be used; names the file and the fault."""


@dataclass
class Ingested:
    source: str
    file_name: str | None
    file_sha256: str | None
    accepted: pl.DataFrame  # typed, with META columns
    rejected: pl.DataFrame  # quarantine rows
    rows_read: int
    header_line: int = 1  # XLSX: a title row or two may stand above the header
    skipped: list[str] = field(default_factory=list)  # the text of those rows


def period_bounds(periode: str) -> tuple[date, date]:
    year, month = (int(p) for p in periode.split("-"))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def find_file(folder: Path, source: Source) -> Path | None:
    found = [folder / f"{source.name}{ext}" for ext in FORMATS if (folder / f"{source.name}{ext}").exists()]
    if len(found) > 1:
        raise LandingError(
            f"{folder}: {source.name} arrived in more than one format "
            f"({', '.join(p.name for p in found)}); keep exactly one."
        )
    if not found:
        other = sorted(p.name for p in folder.glob(f"{source.name}.*") if p.suffix.lower() not in FORMATS)
        if other:
            raise LandingError(
                f"{folder / other[0]}: not a CSV, XLSX or Parquet file; "
                f"deliver {source.name} as {source.name}.csv, .xlsx or .parquet."
            )
        if source.required:
            raise LandingError(f"{folder}: required file {source.name}.csv/.xlsx/.parquet is missing.")
    return found[0] if found else None


def _read_as_text(path: Path, content: bytes, source: Source) -> tuple[pl.DataFrame, int, list[str]]:
    """The file as all-text columns, header names trimmed and lower-cased; the line of
    the header row, and the text of the rows above it (XLSX title rows)."""
    header_line, skipped = 1, []
    try:
        if path.suffix == ".csv":
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError as e:
                raise LandingError(f"{path}: not UTF-8 text (byte {e.start}); re-export it as UTF-8.") from None
            header = text.split("\n", 1)[0]
            if not header.strip():
                raise LandingError(f"{path}: the header row is empty.")
            sep = ";" if header.count(";") > header.count(",") else ","
            df = pl.read_csv(io.StringIO(text), separator=sep, infer_schema=False, truncate_ragged_lines=False)
        elif path.suffix == ".xlsx":
            df = _read_xlsx(content, 1)
            if not set(source.column_names) <= {c.strip().lower() for c in df.columns}:
                header_line, skipped = _xlsx_header(content, source)
                df = _read_xlsx(content, header_line) if header_line > 1 else df
        else:
            df = pl.read_parquet(io.BytesIO(content))
        if path.suffix != ".csv":
            _refuse_numeric_nips(df, path, source)
            df = df.select(_typed_cell_as_text(df[c]).alias(c) for c in df.columns)
            if path.suffix == ".xlsx":
                df = _misfits_as_text(df, content, header_line)
    except LandingError:
        raise
    except Exception as e:  # any parser fault means the file as a whole is unusable
        raise _cannot_read(path, e) from None
    return df.rename({c: c.strip().lower() for c in df.columns}), header_line, skipped


HEADER_SEARCH_ROWS = 10  # office exports put a title row or two above the header


def _read_xlsx(content: bytes, header_line: int) -> pl.DataFrame:
    """The sheet, each column typed as the reader infers it. Blank rows are kept (and
    skipped later) so that line numbers are the sheet's."""
    options = {"header_row": header_line - 1}
    return pl.read_excel(io.BytesIO(content), engine="calamine", drop_empty_rows=False, read_options=options)


def _misfits_as_text(typed: pl.DataFrame, content: bytes, header_line: int) -> pl.DataFrame:
    """A cell that does not fit its column's inferred type (a text "1.500.000" or
    "31/12/2023" below numbers or dates) comes back from the typed read as a blank: take
    the text it holds instead, so that it is checked like any other value."""
    if not any(typed[c].null_count() for c in typed.columns):
        return typed
    text = pl.read_excel(
        io.BytesIO(content),
        engine="calamine",
        drop_empty_rows=False,
        read_options={"header_row": header_line - 1},
        infer_schema_length=0,
    )
    if text.columns != typed.columns or text.height != typed.height:
        return typed
    return typed.select(pl.coalesce(typed[c], text[c]).alias(c) for c in typed.columns)


def _xlsx_header(content: bytes, source: Source) -> tuple[int, list[str]]:
    """The sheet line (1-based) of the first row, among the first ten, that holds every
    contract column, and the text of the rows above it; line 1 when none does (the
    missing columns are then reported as for any file)."""
    top = pl.read_excel(
        io.BytesIO(content),
        engine="calamine",
        has_header=False,
        drop_empty_rows=False,
        infer_schema_length=0,
        read_options={"n_rows": HEADER_SEARCH_ROWS},
    )
    for i, row in enumerate(top.iter_rows()):
        cells = {str(v).strip().lower() for v in row if v is not None}
        if set(source.column_names) <= cells:
            # calamine starts the range at the first used row: find the sheet line by name
            reader = fastexcel.read_excel(content)
            for line in range(max(i + 1, 2), HEADER_SEARCH_ROWS + 1):
                header = reader.load_sheet(0, header_row=line - 1, n_rows=0).available_columns()
                names = {str(c.name).strip().lower() for c in header}
                if set(source.column_names) <= names:
                    above = (" | ".join(str(v) for v in r if v is not None) for r in top.head(i).iter_rows())
                    return line, [text for text in above if text]
    return 1, []


def _refuse_numeric_nips(df: pl.DataFrame, path: Path, source: Source) -> None:
    """An 18-digit NIP stored as a number has already lost its last digits: nothing to
    recover, and guessing is not allowed."""
    for col in source.columns:
        match = [c for c in df.columns if c.strip().lower() == col.name]
        if col.type == "nip" and match and df[match[0]].dtype.is_numeric():
            raise LandingError(
                f"{path}: column {col.name} is stored as numbers; an 18-digit NIP loses digits "
                "that way. Format the column as text and export again."
            )


def _typed_cell_as_text(s: pl.Series) -> pl.Series:
    """Typed cells (Excel, Parquet) back to the text the CSV contract describes."""
    if s.dtype == pl.Date:
        return s.dt.strftime("%Y-%m-%d")
    if s.dtype == pl.Datetime:
        # a date cell comes as midnight; a time-only cell as 1899-12-31/1970-01-01
        is_time = (s.dt.date() <= date(1970, 1, 1)).fill_null(False)
        return pl.select(
            pl.when(is_time).then(s.dt.strftime("%H:%M:%S")).otherwise(s.dt.strftime("%Y-%m-%d")).alias(s.name)
        ).to_series()
    if s.dtype == pl.Time:
        return s.dt.strftime("%H:%M:%S")
    if s.dtype == pl.Duration:
        secs = s.dt.total_seconds()
        return pl.select(
            pl.format(
                "{}:{}:{}",
                (secs // 3600).cast(pl.String).str.zfill(2),
                (secs % 3600 // 60).cast(pl.String).str.zfill(2),
                (secs % 60).cast(pl.String).str.zfill(2),
            ).alias(s.name)
        ).to_series()
    if s.dtype.is_float():
        # the shortest decimal that reads back as the stored float (what Excel shows):
        # 12.0 → "12", 9e-05 → "0.00009"; the number rule then applies as to CSV text
        return s.map_elements(_shortest_decimal, return_dtype=pl.String, skip_nulls=True)
    if s.dtype == pl.Decimal:
        # a typed decimal's scale is storage, not writing: 0.50000000 is 0.5
        return s.cast(pl.String).str.replace(r"(\.\d*?)0+$", "${1}").str.replace(r"\.$", "")
    return s.cast(pl.String)


def _shortest_decimal(value: float) -> str:
    text = format(Decimal(repr(value)), "f")  # repr: the shortest round-trip digits
    return text[:-2] if text.endswith(".0") else text


def _parsed(col: Col) -> pl.Expr:
    raw = pl.col(col.name)
    if col.type == "date":
        return pl.coalesce([raw.str.strptime(pl.Date, f, strict=False) for f in DATE_FORMATS])
    if col.type == "time":
        return pl.coalesce([raw.str.strptime(pl.Time, f, strict=False) for f in TIME_FORMATS])
    if col.type == "int":
        return pl.when(raw.str.contains(INT_TEXT)).then(raw).cast(pl.Int64, strict=False)
    if col.type == "decimal":
        return pl.when(raw.str.contains(DECIMAL_TEXT)).then(raw).cast(DTYPES["decimal"], strict=False)
    if col.type == "bool":
        low = raw.str.to_lowercase()
        return pl.when(low.is_in(TRUE_VALUES)).then(True).when(low.is_in(FALSE_VALUES)).then(False)
    return raw


def _value(column: str) -> pl.Expr:
    """A column's typed value (null where the text does not parse), computed once per row
    by `ingest_file` and read by every check and by the accepted row."""
    return pl.col(f"_nilai_{column}")


def _nip_valid(raw: pl.Expr, jenis_asn: pl.Expr | None = None) -> pl.Expr:
    """18 digits; 1–8 a birth date; 15 the gender code 1/2; for PNS 9–14 a YYYYMM."""
    birth = raw.str.slice(0, 8).str.strptime(pl.Date, "%Y%m%d", strict=False)
    tmt = (raw.str.slice(8, 6) + "01").str.strptime(pl.Date, "%Y%m%d", strict=False)
    ok = raw.str.contains(r"^\d{18}$") & birth.is_not_null() & raw.str.slice(14, 1).is_in(["1", "2"])
    if jenis_asn is not None:
        ok = ok & ((jenis_asn != "PNS") | (tmt.is_not_null() & (tmt > birth)))
    return ok.fill_null(False)


def _checks(source: Source, periode: str, known: dict[tuple[str, str], Known]) -> list[tuple[pl.Expr, str, str]]:
    """(row is bad, column, reason) in the order they are tried; the first one wins.
    A reference with no entry in `known` is not checked (a file ingested on its own)."""
    start, end = period_bounds(periode)
    checks = []
    if source.not_all_blank:
        blank = pl.all_horizontal(pl.col(c).is_null() for c in source.not_all_blank)
        checks.append((blank, source.not_all_blank[0], JAWABAN_KOSONG))
    for col in source.columns:
        raw, parsed = pl.col(col.name), _value(col.name)
        if col.required:
            checks.append((raw.is_null(), col.name, WAJIB_DIISI))
        if col.type == "nip":
            valid = _nip_valid(raw, pl.col("jenis_asn") if source.name == "pegawai" else None)
            checks.append((raw.is_not_null() & ~valid, col.name, NIP_TIDAK_VALID))
        elif col.type in FORMAT_TIDAK_VALID:
            if col.type in ("int", "decimal"):  # the specific reasons first
                separated = SEPARATED_INT_TEXT if col.type == "int" else SEPARATED_TEXT
                checks.append((raw.str.contains(separated).fill_null(False), col.name, PEMISAH_ANGKA))
                checks.append((raw.str.contains(TOO_PRECISE_TEXT).fill_null(False), col.name, DESIMAL_LEBIH))
            checks.append((raw.is_not_null() & parsed.is_null(), col.name, FORMAT_TIDAK_VALID[col.type]))
        if col.references in known:
            ref = known[col.references]
            unknown = NIP_TIDAK_DIKENAL if col.type == "nip" else KODE_TIDAK_DIKENAL
            checks.append((raw.is_not_null() & raw.is_in(ref.rejected.implode()), col.name, REFERENSI_DITOLAK))
            checks.append((raw.is_not_null() & ~raw.is_in(ref.accepted.implode()), col.name, unknown))
        if col.values is not None:
            allowed = col.values.values(periode) if isinstance(col.values, InForce) else col.values
            checks.append((raw.is_not_null() & ~raw.is_in(allowed), col.name, NILAI_TIDAK_DIKENAL))
        if col.minimum is not None:
            low = parsed <= col.minimum if col.exclusive_minimum else parsed < col.minimum
            checks.append((low.fill_null(False), col.name, DI_LUAR_RENTANG))
        if col.maximum is not None:
            checks.append(((parsed > col.maximum).fill_null(False), col.name, DI_LUAR_RENTANG))
        if col.in_period:
            checks.append((((parsed < start) | (parsed > end)).fill_null(False), col.name, DI_LUAR_PERIODE))
        if col.not_before is not None:
            earlier = _value(col.not_before)
            checks.append(((parsed < earlier).fill_null(False), col.name, URUTAN_TERBALIK))
    return checks


def empty_ingest(source: Source) -> Ingested:
    """No file: an empty table with the source's typed columns (for optional sources)."""
    return Ingested(
        source.name, None, None, pl.DataFrame(schema=_typed_schema(source)), _quarantine_frame(pl.DataFrame()), 0
    )


def ingest_file(
    source: Source, folder: Path, periode: str, known: dict[tuple[str, str], Known] | None = None
) -> Ingested:
    """Read `source` from the period folder; split into typed accepted rows and rejected rows.

    A CSV file is streamed, never held as text: polars' streaming engine reads it in
    batches and keeps, per row, the parsed values (`_value`), the number of the first
    check it failed and a hash of its key — the text only of rows that failed. At
    1,000,000 ASN (presensi: 23 million rows) the step peaks at 2 GB (5.1 GB when the
    text of the whole file was held, 10.0 before the file was scanned); what is left in
    memory is the month's accepted values (README, "Beyond one machine")."""
    path = find_file(folder, source)
    if path is None:  # optional source absent: an empty, typed table
        return empty_ingest(source)

    sha = sha256(path)
    frame, header_line, skipped = _scan(path, source)
    missing = [c for c in source.column_names if c not in frame.collect_schema().names()]
    if missing:
        raise LandingError(f"{path}: required column(s) missing: {', '.join(missing)}.")

    # Line numbers as a person sees them in the file (the header line + 1; Parquet from 1).
    first_line = 1 if path.suffix == ".parquet" else header_line + 1
    text = (
        frame.select(source.column_names)
        .with_row_index("_line", offset=first_line)
        .with_columns(pl.col(c).str.strip_chars() for c in source.column_names)
        # a blank cell is no value (`when`, not `replace`: polars streams it)
        .with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in source.column_names)
        # a fully blank line (e.g. trailing blank lines) carries no data: not a row
        .filter(~pl.all_horizontal(pl.col(c).is_null() for c in source.column_names))
    )

    checks = _checks(source, periode, known or {})
    # a rejected row carries the number of the first check it failed (a byte, not text:
    # the frame of a month's attendance holds one per row); duplicates come last
    failures = [(col, reason) for _, col, reason in checks]
    failures += [(",".join(source.key), reason) for reason in (DUPLIKAT_BERBEDA, DUPLIKAT)]
    reasons = [r for _, r in failures]
    failure = pl.coalesce(
        [pl.when(bad).then(pl.lit(n, pl.UInt8)) for n, (bad, _, _) in enumerate(checks)] or [pl.lit(None, pl.UInt8)]
    )
    checked = text.with_columns(
        _parsed(c).cast(DTYPES[c.type]).alias(f"_nilai_{c.name}") for c in source.columns
    ).with_columns(failure.alias("_failure"))
    failed = pl.col("_failure").is_not_null()
    try:  # one streamed pass over the file
        rows = checked.select(
            "_line",
            "_failure",
            pl.when(~failed).then(pl.struct(list(source.key)).hash()).alias("_hash"),
            *(_value(c.name) for c in source.columns),
            # what a quarantine record quotes: the text, of rows that failed only
            *(pl.when(failed).then(pl.col(c)).alias(c) for c in source.column_names),
        ).collect(engine="streaming")
    except PARSE_ERRORS as e:  # a fault found while scanning the file: say which, as an eager read would
        raise _unreadable(path, source, e) from None
    rows_read = rows.height

    duplicates = _duplicates(rows, text, source, reasons, path, sha)
    rejected = (
        pl.concat([rows.filter(failed), duplicates])
        .sort("_line")
        .select(
            pl.lit(periode).alias("periode"),
            pl.lit(source.name).alias("source"),
            pl.lit(path.name).alias("file_name"),
            pl.col("_line").cast(pl.Int64).alias("line"),
            _failed(failures, 0).alias("column_name"),
            _raw_value(source, _failed(failures, 0)).alias("raw_value"),
            _failed(failures, 1).alias("reason"),
            (pl.col("nip") if "nip" in source.column_names else pl.lit(None, pl.String)).alias("nip"),
            pl.struct(source.column_names).struct.json_encode().alias("raw_row"),
            _valid_fields(source, checks).alias("valid_fields"),
        )
    )
    if rejected.height:  # (a month without a rejected row is taken as it is, not copied)
        rows = rows.filter(~failed & ~pl.col("_line").is_in(duplicates["_line"].implode()))
    accepted = rows.select(
        pl.lit(periode).alias("_periode"),
        pl.lit(path.name).alias("_file_name"),
        pl.col("_line").cast(pl.Int64),
        pl.lit(sha).alias("_file_sha256"),
        *(_value(c.name).alias(c.name) for c in source.columns),
    )
    del rows
    result = Ingested(
        source.name, path.name, sha, accepted, _quarantine_frame(rejected), rows_read, header_line, skipped
    )
    if rows_read != accepted.height + rejected.height:  # reconciliation is a hard invariant
        raise AssertionError(f"{path}: read {rows_read} != accepted {accepted.height} + rejected {rejected.height}")
    return result


# what polars raises for a file it cannot parse (bad UTF-8, a ragged line, an open quote);
# anything else (memory, a fault in a check) is not the file's and is raised as it is
PARSE_ERRORS = (pl.exceptions.ComputeError, pl.exceptions.NoDataError)


def _scan(path: Path, source: Source) -> tuple[pl.LazyFrame, int, list[str]]:
    """The file as a lazy frame of text columns named as the contract writes them
    (trimmed, lower case); the line of the header row and the text of rows above it."""
    if path.suffix != ".csv":  # XLSX and Parquet are read whole: their cells are typed
        frame, header_line, skipped = _read_as_text(path, path.read_bytes(), source)
        return frame.lazy(), header_line, skipped
    with path.open("rb") as handle:
        first = handle.readline()
    try:
        header = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as e:  # e.g. a UTF-16 export: say so, not "columns missing"
        raise _unreadable(path, source, e) from None
    if not header.strip():
        raise LandingError(f"{path}: the header row is empty.")
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        # glob=False: a folder named "TPP [2026]" is a path, not a pattern
        frame = pl.scan_csv(path, separator=sep, infer_schema=False, truncate_ragged_lines=False, glob=False)
        names = frame.collect_schema().names()
    except PARSE_ERRORS as e:
        raise _unreadable(path, source, e) from None
    return frame.rename({c: c.strip().lower() for c in names}), 1, []


def _unreadable(path: Path, source: Source, error: Exception) -> LandingError:
    """Why a CSV file cannot be used, as precisely as reading it whole would say
    (not UTF-8 at byte n, …): that slower read runs only once the scan has failed."""
    if path.suffix == ".csv":
        try:
            _read_as_text(path, path.read_bytes(), source)
        except LandingError as precise:
            return precise
    return _cannot_read(path, error)


def _cannot_read(path: Path, error: Exception) -> LandingError:
    """The parser's own words for what is wrong, without the cells it quotes: those may be
    a name or a NIP, and this message goes to logs (the file itself is at hand)."""
    text = re.sub(r"`[^`]*`", "`…`", str(error), flags=re.S)  # polars quotes the cells in backticks
    text = re.sub(r"\d{18}", "<NIP>", text.strip().split("\n")[0])
    return LandingError(f"{path}: cannot be read as {path.suffix[1:].upper()} ({type(error).__name__}: {text}).")


def _valid_fields(source: Source, checks: list[tuple[pl.Expr, str, str]]) -> pl.Expr:
    """A rejected row's fields that passed every check on their own column, as JSON in
    the accepted form (ISO dates; a failed field is null): what is still known of the
    row, e.g. the name and OPD of an employee whose pegawai row was rejected for another
    field (rulebook §7)."""
    failed: dict[str, list[pl.Expr]] = {}
    for bad, column, _ in checks:
        failed.setdefault(column, []).append(bad)
    fields = []
    for col in source.columns:
        value = _value(col.name).cast(pl.String)
        passed = ~pl.any_horizontal(failed[col.name]).fill_null(False) if col.name in failed else pl.lit(True)
        fields.append(pl.when(passed).then(value).alias(col.name))
    return pl.struct(fields).struct.json_encode()


def _failed(failures: list[tuple[str, str]], part: int) -> pl.Expr:
    """The column (part 0) or reason (part 1) of a rejected row's failure number."""
    return pl.col("_failure").replace_strict(
        list(range(len(failures))), [f[part] for f in failures], return_dtype=pl.String
    )


def _duplicates(
    rows: pl.DataFrame, text: pl.LazyFrame, source: Source, reasons: list[str], path: Path, sha: str
) -> pl.DataFrame:
    """The rows of `rows` that repeat a key among otherwise valid rows, as rows of
    `rows` with their text and failure: exact copies keep the first line (DUPLIKAT for
    the others); rows that share a key but differ are all rejected (DUPLIKAT_BERBEDA):
    which one is right is not ours to guess.

    Candidates come from the key hashes, sorted (no table of 23 million groups): a hash
    seen twice. Only their text is read again from the file, and compared exactly (a
    hash shared by different keys drops out there); the file must still be the one whose
    sha256 was taken, or the rows of two deliveries would be mixed."""
    hashes = rows.select(pl.col("_hash").drop_nulls().sort()).to_series()
    repeated = hashes.filter(hashes == hashes.shift(1))
    empty = rows.clear()
    if repeated.is_empty():
        return empty
    candidates = rows.filter(pl.col("_hash").is_in(repeated.implode()))["_line"]
    key = list(source.key)
    try:
        candidate_text = text.filter(pl.col("_line").is_in(candidates.implode())).collect()
    except PARSE_ERRORS as e:
        raise _unreadable(path, source, e) from None
    if sha256(path) != sha:
        raise LandingError(f"{path}: the file changed while it was read; deliver it again once it is complete.")
    verdict = (
        candidate_text.with_columns(pl.len().over(key).alias("_n"))
        .filter(pl.col("_n") > 1)  # only the few rows that share a key are compared
        .with_columns(
            pl.struct(source.column_names).n_unique().over(key).alias("_distinct"),
            pl.col("_line").min().over(key).alias("_first"),
        )
        .with_columns(
            pl.when(pl.col("_distinct") > 1)
            .then(pl.lit(reasons.index(DUPLIKAT_BERBEDA), pl.UInt8))
            .when(pl.col("_line") != pl.col("_first"))
            .then(pl.lit(reasons.index(DUPLIKAT), pl.UInt8))
            .alias("_failure")
        )
        .filter(pl.col("_failure").is_not_null())
        .select("_line", "_failure", *source.column_names)
    )
    if verdict.is_empty():
        return empty
    values = rows.filter(pl.col("_line").is_in(verdict["_line"].implode())).drop("_failure", *source.column_names)
    return values.join(verdict, on="_line").select(rows.columns)


def _raw_value(source: Source, column: pl.Expr) -> pl.Expr:
    """The text of the column a row was rejected on (the key values for duplicates)."""
    expr = pl.when(column == ",".join(source.key)).then(
        pl.concat_str([pl.col(k).fill_null("") for k in source.key], separator=",")
    )
    for c in source.column_names:
        expr = expr.when(column == c).then(pl.col(c))
    return expr.otherwise(None)


def _typed_schema(source: Source) -> dict:
    return {
        "_periode": pl.String,
        "_file_name": pl.String,
        "_line": pl.Int64,
        "_file_sha256": pl.String,
        **{c.name: DTYPES[c.type] for c in source.columns},
    }


QUARANTINE_SCHEMA = {
    "periode": pl.String,
    "source": pl.String,
    "file_name": pl.String,
    "line": pl.Int64,
    "column_name": pl.String,
    "raw_value": pl.String,
    "reason": pl.String,
    "nip": pl.String,
    "raw_row": pl.String,
    "valid_fields": pl.String,
}


def _quarantine_frame(df: pl.DataFrame) -> pl.DataFrame:
    if df.is_empty():
        return pl.DataFrame(schema=QUARANTINE_SCHEMA)
    return df.cast(QUARANTINE_SCHEMA)
