"""Ingest of one landing file: formats, quirks, rejected rows and their reasons."""

from datetime import date, time
from decimal import Decimal

import polars as pl
import pytest

from pipelines.landing import Known, LandingError, ingest_file
from pipelines.sources import SOURCES_BY_NAME

PERIODE = "2026-10"
NIP_OK = "199001012015031001"  # born 1990-01-01, TMT CPNS 2015-03, male, seq 001
HEADER_PEGAWAI = "nip,nama,jenis_asn,opd_kode,unit_layanan_kode,jabatan,kelas_jabatan,golongan,jadwal_kerja,tmt_mulai,tmt_selesai,pagu_tpp"
NIP_REJECTED = "198001012005011001"  # valid, but its pegawai row was quarantined
KNOWN = {("pegawai", "nip"): Known(pl.Series([NIP_OK]), pl.Series([NIP_REJECTED]))}


def pegawai_row(nip=NIP_OK, jenis="PNS", kelas="7"):
    return f"{nip},Budi,{jenis},DINKES,,Staf,{kelas},III/a,5HK,2015-03-01,,"


def ingest(tmp_path, source, text, known=KNOWN, name=None):
    path = tmp_path / f"{name or source}.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return ingest_file(SOURCES_BY_NAME[source], tmp_path, PERIODE, known)


def reasons(result):
    return dict(zip(result.rejected["line"].to_list(), result.rejected["reason"].to_list(), strict=False))


@pytest.mark.parametrize(
    "nip, jenis, reason",
    [
        ("19900101201503100", "PNS", "NIP_TIDAK_VALID"),  # 17 digits
        ("1990010120150310011", "PNS", "NIP_TIDAK_VALID"),  # 19 digits
        ("19900101201503100A", "PNS", "NIP_TIDAK_VALID"),  # a letter
        ("199002302015031001", "PNS", "NIP_TIDAK_VALID"),  # born 30 Feb
        ("199001012015131001", "PNS", "NIP_TIDAK_VALID"),  # TMT month 13
        ("199001012015033001", "PNS", "NIP_TIDAK_VALID"),  # gender digit 3
        ("199001011985031001", "PNS", "NIP_TIDAK_VALID"),  # TMT before birth
    ],
)
def test_malformed_nip_is_rejected(tmp_path, nip, jenis, reason):
    result = ingest(tmp_path, "pegawai", f"{HEADER_PEGAWAI}\n{pegawai_row()}\n{pegawai_row(nip, jenis)}\n", {})
    assert result.accepted["nip"].to_list() == [NIP_OK]
    assert reasons(result) == {3: reason}
    assert result.rejected["raw_value"].to_list() == [nip]


def test_pppk_nip_needs_no_tmt_cpns(tmp_path):
    pppk = "199001012021131001"  # digits 9–14 "202113" are not a month: fine for PPPK
    result = ingest(tmp_path, "pegawai", f"{HEADER_PEGAWAI}\n{pegawai_row(pppk, 'PPPK')}\n", {})
    assert result.accepted["nip"].to_list() == [pppk]


def test_csv_quirks_bom_semicolon_dmy_dates_spaces_blank_lines(tmp_path):
    text = "\ufeffnip;tanggal;jam_masuk;jam_pulang\n" + f"{NIP_OK} ;01/10/2026; 07:30 ;16:00:05\n\n\n"
    result = ingest(tmp_path, "presensi", text)
    assert result.rows_read == 1 and result.rejected.is_empty()
    row = result.accepted.row(0, named=True)
    assert (row["nip"], row["tanggal"], row["jam_masuk"], row["jam_pulang"]) == (
        NIP_OK,
        date(2026, 10, 1),
        time(7, 30),
        time(16, 0, 5),
    )
    assert row["_line"] == 2 and row["_file_name"] == "presensi.csv" and len(row["_file_sha256"]) == 64


@pytest.mark.parametrize(
    "line, reason, column",
    [
        (f"{NIP_OK},2026-02-30,07:30,16:00", "TANGGAL_TIDAK_VALID", "tanggal"),
        (f"{NIP_OK},2026-11-01,07:30,16:00", "TANGGAL_DI_LUAR_PERIODE", "tanggal"),
        (f"{NIP_OK},2026-10-01,7.30,16:00", "JAM_TIDAK_VALID", "jam_masuk"),
        (f"{NIP_OK},2026-10-01,07:30,24:01", "JAM_TIDAK_VALID", "jam_pulang"),
        (f"{NIP_OK},2026-10-01,16:00,07:30", "URUTAN_TERBALIK", "jam_pulang"),  # out before in
        ("199901012015031001,2026-10-01,07:30,16:00", "NIP_TIDAK_DIKENAL", "nip"),
        (f"{NIP_REJECTED},2026-10-01,07:30,16:00", "REFERENSI_DITOLAK", "nip"),
        (",2026-10-01,07:30,16:00", "WAJIB_DIISI", "nip"),
    ],
)
def test_bad_presensi_rows(tmp_path, line, reason, column):
    result = ingest(
        tmp_path, "presensi", f"nip,tanggal,jam_masuk,jam_pulang\n{NIP_OK},2026-10-02,07:00,16:00\n{line}\n"
    )
    assert result.accepted.height == 1
    assert reasons(result) == {3: reason}
    assert result.rejected["column_name"].to_list() == [column]


@pytest.mark.parametrize(
    "row, reason",
    [
        ("I1,x,0,10,5,naik,dok", "NILAI_DI_LUAR_RENTANG"),  # bobot must be > 0
        ("I1,x,10,0,5,naik,dok", "NILAI_DI_LUAR_RENTANG"),  # target must be > 0
        ("I1,x,10,10,-1,naik,dok", "NILAI_DI_LUAR_RENTANG"),  # realisasi >= 0
        ("I1,x,10,sepuluh,5,naik,dok", "ANGKA_TIDAK_VALID"),
        ("I1,x,10,10,5,naik turun,dok", "NILAI_TIDAK_DIKENAL"),
        ("I1,x,10,10,5,NAIK,dok", "NILAI_TIDAK_DIKENAL"),
    ],
)
def test_bad_target_rows(tmp_path, row, reason):
    header = "nip,indikator_id,indikator,bobot,target,realisasi,arah,satuan"
    result = ingest(tmp_path, "target_kinerja", f"{header}\n{NIP_OK},{row}\n")
    assert result.accepted.is_empty() and reasons(result) == {2: reason}


def test_decimals_are_exact(tmp_path):
    header = "nip,indikator_id,indikator,bobot,target,realisasi,arah,satuan"
    result = ingest(tmp_path, "target_kinerja", f"{header}\n{NIP_OK},I1,x,33.3333,0.1,0.3,naik,dok\n")
    row = result.accepted.row(0, named=True)
    assert (row["bobot"], row["target"], row["realisasi"]) == (Decimal("33.3333"), Decimal("0.1"), Decimal("0.3"))


TARGET_HEADER = "nip,indikator_id,indikator,bobot,target,realisasi,arah,satuan"


@pytest.mark.parametrize(
    "realisasi, reason",
    [
        ("0.00009", None),  # 6 places would do; 5 are kept exactly
        ("0.123456", None),  # 6 places: the most the contract allows
        ("1.500", None),  # a decimal point, as the contract says: 1.5
        ("0.1234567", "DESIMAL_LEBIH_DARI_6"),  # 7: never cut to 0.123456 or 0.1235
        ("1.0000000", "DESIMAL_LEBIH_DARI_6"),  # written with 7 places: rejected as written
        ("1.500.000", "PEMISAH_ANGKA_TIDAK_VALID"),
        ("1,500,000", "PEMISAH_ANGKA_TIDAK_VALID"),
        ("1.500,5", "PEMISAH_ANGKA_TIDAK_VALID"),
        ("87,5", "PEMISAH_ANGKA_TIDAK_VALID"),  # decimal comma: 87.5 or 875? not ours to guess
        (".5", "ANGKA_TIDAK_VALID"),
        ("1e-5", "ANGKA_TIDAK_VALID"),
        ("+5", "ANGKA_TIDAK_VALID"),
    ],
)
def test_decimals_are_taken_as_written_or_rejected(tmp_path, realisasi, reason):
    result = ingest(tmp_path, "target_kinerja", f'{TARGET_HEADER}\n{NIP_OK},I1,x,1,0.0001,"{realisasi}",naik,dok\n')
    if reason is None:
        assert result.accepted["realisasi"].to_list() == [Decimal(realisasi)] and result.rejected.is_empty()
    else:
        assert result.accepted.is_empty()
        assert result.rejected.select("column_name", "raw_value", "reason").rows() == [("realisasi", realisasi, reason)]


@pytest.mark.parametrize(
    "pagu, reason",
    [
        ("1500000", None),
        ("1.500.000", "PEMISAH_ANGKA_TIDAK_VALID"),
        ("1.500", "PEMISAH_ANGKA_TIDAK_VALID"),  # in a whole-number column a thousands separator
        ("1500000.50", "ANGKA_TIDAK_VALID"),
        ("1500000.0", "ANGKA_TIDAK_VALID"),  # a whole-number column takes digits only
    ],
)
def test_whole_numbers_are_digits_only(tmp_path, pagu, reason):
    row = pegawai_row() + f'"{pagu}"'
    result = ingest(tmp_path, "pegawai", f"{HEADER_PEGAWAI}\n{row}\n", {})
    assert reasons(result) == ({} if reason is None else {2: reason})
    if reason is None:
        assert result.accepted["pagu_tpp"].to_list() == [1_500_000]


def test_xlsx_and_parquet_numbers_are_their_shortest_round_trip_decimal(tmp_path):
    """A cell holding the float 0.00009 is read as 0.00009 (it was cut to 0.0001 once);
    a float that needs more than 6 places is rejected, never rounded; integral floats
    (Excel's 12.0) fit whole-number columns; a Parquet decimal's scale is storage."""
    floats = pl.DataFrame(
        {
            "nip": [NIP_OK] * 4,
            "indikator_id": ["I1", "I2", "I3", "I4"],
            "indikator": ["x"] * 4,
            "bobot": [12.0, 1.0, 1.0, 1.0],
            "target": [0.0001, 0.0001, 3.0, 1.0],
            "realisasi": [0.00009, 0.1234567, 1e20, 0.123456],
            "arah": ["naik"] * 4,
            "satuan": ["dok"] * 4,
        }
    )
    floats.write_excel(tmp_path / "target_kinerja.xlsx")
    from_xlsx = ingest_file(SOURCES_BY_NAME["target_kinerja"], tmp_path, PERIODE, KNOWN)
    assert from_xlsx.accepted.select("indikator_id", "bobot", "target", "realisasi").rows() == [
        ("I1", Decimal("12"), Decimal("0.0001"), Decimal("0.00009")),
        ("I4", Decimal("1"), Decimal("1"), Decimal("0.123456")),
    ]
    assert from_xlsx.rejected.select("line", "raw_value", "reason").rows() == [
        (3, "0.1234567", "DESIMAL_LEBIH_DARI_6"),
        (4, "100000000000000000000", "ANGKA_TIDAK_VALID"),  # beyond DECIMAL(18,6)
    ]
    (tmp_path / "target_kinerja.xlsx").unlink()
    typed = pl.DataFrame(
        {
            "nip": [NIP_OK] * 3,
            "indikator_id": ["I1", "I2", "I3"],
            "indikator": ["x"] * 3,
            "bobot": [1, 1, 1],
            "target": [0.0001, 0.0001, 0.0001],
            "realisasi": pl.Series([Decimal("0.00009"), Decimal("0.1234567"), Decimal("50")], dtype=pl.Decimal(18, 8)),
            "arah": ["naik"] * 3,
            "satuan": ["dok"] * 3,
        }
    )
    typed.write_parquet(tmp_path / "target_kinerja.parquet")
    from_parquet = ingest_file(SOURCES_BY_NAME["target_kinerja"], tmp_path, PERIODE, KNOWN)
    assert from_parquet.accepted.select("indikator_id", "realisasi").rows() == [
        ("I1", Decimal("0.00009")),
        ("I3", Decimal("50")),
    ]
    assert from_parquet.rejected.select("line", "raw_value", "reason").rows() == [
        (2, "0.1234567", "DESIMAL_LEBIH_DARI_6")
    ]


def test_unknown_leave_type_is_rejected_not_guessed(tmp_path):
    header = "nip,jenis,tanggal_mulai,tanggal_selesai,nomor_dokumen"
    result = ingest(
        tmp_path,
        "izin",
        f"{header}\n{NIP_OK},cuti_liburan,2026-10-01,2026-10-02,x\n{NIP_OK},izin,2026-10-05,2026-10-05,y\n",
    )
    assert result.accepted["jenis"].to_list() == ["izin"]
    assert reasons(result) == {2: "NILAI_TIDAK_DIKENAL"}


def test_leave_ending_before_it_starts_is_rejected(tmp_path):
    header = "nip,jenis,tanggal_mulai,tanggal_selesai,nomor_dokumen"
    result = ingest(
        tmp_path, "izin", f"{header}\n{NIP_OK},izin,2026-10-05,2026-10-04,x\n{NIP_OK},izin,2026-10-06,2026-10-06,y\n"
    )
    assert result.accepted["tanggal_mulai"].to_list() == [date(2026, 10, 6)]
    assert reasons(result) == {2: "URUTAN_TERBALIK"}


def test_exact_duplicates_keep_one_conflicting_duplicates_reject_all(tmp_path):
    text = (
        "nip,tanggal,jam_masuk,jam_pulang\n"
        f"{NIP_OK},2026-10-01,07:30,16:00\n"
        f"{NIP_OK},2026-10-01,07:30,16:00\n"  # exact copy of line 2
        f"{NIP_OK},2026-10-02,07:30,16:00\n"
        f"{NIP_OK},2026-10-02,08:30,16:00\n"  # same key, different times
    )
    result = ingest(tmp_path, "presensi", text)
    assert result.accepted["_line"].to_list() == [2]
    assert reasons(result) == {3: "DUPLIKAT", 4: "DUPLIKAT_BERBEDA", 5: "DUPLIKAT_BERBEDA"}
    assert result.rows_read == 5 - 1 == result.accepted.height + result.rejected.height


def test_a_file_streamed_in_batches_keeps_its_lines_and_finds_duplicates_far_apart(tmp_path):
    """More rows than polars streams in one batch: every row keeps its own line, and a
    copy of line 2 (or a differing row with its key, padded with spaces) at the end of
    the file is still found."""
    nips = [f"1990010{b}201503{g}{s:03d}" for b in range(1, 10) for g in (1, 2) for s in range(1, 1000)]
    rows = [f"{nip},2026-10-{d:02d},07:30,16:00" for nip in nips for d in (1, 2, 5, 6, 7, 8, 9, 12, 13, 14)]
    last = len(rows) + 1  # the line of the last body row
    text = "nip,tanggal,jam_masuk,jam_pulang\n" + "\n".join(rows)
    text += f"\n{rows[0]}\n {nips[-1]} ,2026-10-14,08:00,16:00\n"
    result = ingest(tmp_path, "presensi", text, known={})
    assert len(rows) > 100_000  # polars' streaming batch (morsel): 100,000 rows by default
    assert reasons(result) == {last + 1: "DUPLIKAT", last: "DUPLIKAT_BERBEDA", last + 2: "DUPLIKAT_BERBEDA"}
    assert result.accepted["_line"].to_list() == list(range(2, last))
    assert result.rejected.filter(pl.col("line") == last + 2)["raw_value"].to_list() == [f"{nips[-1]},2026-10-14"]


def test_a_file_delivered_again_while_its_duplicates_are_read_is_refused(tmp_path, monkeypatch):
    """Duplicate candidates are read from the file a second time: a new delivery landing
    in between must not mix its rows into the first one's quarantine records."""
    import pipelines.landing as landing

    text = f"nip,tanggal,jam_masuk,jam_pulang\n{NIP_OK},2026-10-01,07:30,16:00\n{NIP_OK},2026-10-01,07:30,16:00\n"
    compare = landing._duplicates

    def delivered_again_then_compare(*args):
        (tmp_path / "presensi.csv").write_text(text.replace("07:30", "09:15"))
        return compare(*args)

    monkeypatch.setattr(landing, "_duplicates", delivered_again_then_compare)
    with pytest.raises(LandingError, match="changed while it was read"):
        ingest(tmp_path, "presensi", text)


def test_rejected_row_keeps_the_whole_raw_row(tmp_path):
    result = ingest(tmp_path, "presensi", f"nip,tanggal,jam_masuk,jam_pulang\n{NIP_OK},2026-10-01,25:00,16:00\n")
    assert result.rejected["raw_row"].to_list() == [
        f'{{"nip":"{NIP_OK}","tanggal":"2026-10-01","jam_masuk":"25:00","jam_pulang":"16:00"}}'
    ]
    assert result.rejected["nip"].to_list() == [NIP_OK]


def test_missing_required_column_names_file_and_column(tmp_path):
    with pytest.raises(LandingError, match=r"presensi\.csv: required column\(s\) missing: jam_pulang"):
        ingest(tmp_path, "presensi", "nip,tanggal,jam_masuk\n")


def test_missing_required_file_names_it(tmp_path):
    with pytest.raises(LandingError, match=r"required file presensi\.csv/\.xlsx/\.parquet is missing"):
        ingest_file(SOURCES_BY_NAME["presensi"], tmp_path, PERIODE, KNOWN)


def test_missing_optional_file_is_an_empty_table(tmp_path):
    result = ingest_file(SOURCES_BY_NAME["izin"], tmp_path, PERIODE, KNOWN)
    assert result.rows_read == 0 and result.accepted.is_empty() and result.file_name is None
    assert result.accepted.schema["tanggal_mulai"] == pl.Date


def test_not_utf8_is_a_file_level_error(tmp_path):
    with pytest.raises(LandingError, match="not UTF-8"):
        ingest(tmp_path, "presensi", "nip,tanggal,jam_masuk,jam_pulang\nJos\xe9,x,y,z\n".encode("latin-1"))


@pytest.mark.parametrize(
    "header",
    [
        "nip,tanggal,jam_masuk,jam_pulang\n".encode("utf-16"),  # Excel's "Unicode text"
        "nip,tanggal,jam_masuk,jam_pulang,ket\xe9\n".encode("latin-1"),  # a stray byte in the header
    ],
)
def test_a_header_that_is_not_utf8_is_named_so_not_as_missing_columns(tmp_path, header):
    with pytest.raises(LandingError, match=r"not UTF-8 text \(byte \d+\)"):
        ingest(tmp_path, "presensi", header)


def test_a_landing_folder_whose_name_looks_like_a_pattern_is_read(tmp_path):
    folder = tmp_path / "TPP [2026]"
    folder.mkdir()
    result = ingest(folder, "presensi", f"nip,tanggal,jam_masuk,jam_pulang\n{NIP_OK},2026-10-01,07:30,16:00\n".encode())
    assert result.accepted["nip"].to_list() == [NIP_OK]


def test_same_source_in_two_formats_is_refused(tmp_path):
    (tmp_path / "presensi.csv").write_text("nip,tanggal,jam_masuk,jam_pulang\n")
    (tmp_path / "presensi.parquet").write_bytes(b"")
    with pytest.raises(LandingError, match="more than one format"):
        ingest_file(SOURCES_BY_NAME["presensi"], tmp_path, PERIODE, KNOWN)


def test_xlsx_and_parquet_read_like_csv(tmp_path):
    frame = pl.DataFrame(
        {
            "nip": [NIP_OK, NIP_OK],
            "tanggal": [date(2026, 10, 1), date(2026, 10, 2)],
            "jam_masuk": [time(7, 31), None],
            "jam_pulang": ["16:00", "16:00"],
        }
    )
    frame.write_excel(tmp_path / "presensi.xlsx")
    from_xlsx = ingest_file(SOURCES_BY_NAME["presensi"], tmp_path, PERIODE, KNOWN)
    (tmp_path / "presensi.xlsx").unlink()
    frame.write_parquet(tmp_path / "presensi.parquet")
    from_parquet = ingest_file(SOURCES_BY_NAME["presensi"], tmp_path, PERIODE, KNOWN)
    for result in (from_xlsx, from_parquet):
        assert result.rejected.is_empty()
        assert result.accepted.select("nip", "tanggal", "jam_masuk", "jam_pulang").rows() == [
            (NIP_OK, date(2026, 10, 1), time(7, 31), time(16, 0)),
            (NIP_OK, date(2026, 10, 2), None, time(16, 0)),
        ]
    assert from_xlsx.accepted["_line"].to_list() == [2, 3]
    assert from_parquet.accepted["_line"].to_list() == [1, 2]


@pytest.mark.parametrize("title_rows, header_line", [(0, 1), (2, 3), (9, 10), (10, None)])
def test_xlsx_header_below_title_rows_is_found_within_ten_rows(tmp_path, title_rows, header_line):
    """Office exports carry a title row or two: the header is the first of the first ten
    rows holding every contract column; the rows above it are reported, and line
    numbers stay the sheet's. Beyond ten rows the file is refused (columns missing)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "presensi.xlsx"))
    sheet = book.add_worksheet()
    titles = ["DAFTAR PRESENSI PEGAWAI", "Periode Oktober 2026"] + [f"catatan {i}" for i in range(8)]
    for i in range(title_rows):
        if i != 1:  # a blank row among the titles
            sheet.write(i, 0, titles[i] if i < len(titles) else "catatan")
    sheet.write_row(title_rows, 0, ["nip", "tanggal", "jam_masuk", "jam_pulang"])
    sheet.write_row(title_rows + 1, 0, [NIP_OK, "2026-10-01", "07:30", "16:00"])
    sheet.write_row(title_rows + 3, 0, [NIP_OK, "2026-10-99", "07:30", "16:00"])  # after a blank row
    book.close()
    if header_line is None:
        with pytest.raises(LandingError, match="required column"):
            ingest_file(SOURCES_BY_NAME["presensi"], tmp_path, PERIODE, KNOWN)
        return
    result = ingest_file(SOURCES_BY_NAME["presensi"], tmp_path, PERIODE, KNOWN)
    assert result.header_line == header_line
    assert result.skipped == [t for i, t in enumerate(titles[:title_rows]) if i != 1]
    assert result.accepted["_line"].to_list() == [header_line + 1]
    assert reasons(result) == {header_line + 3: "TANGGAL_TIDAK_VALID"}


def test_an_xlsx_cell_that_does_not_fit_its_column_type_is_checked_not_blanked(tmp_path):
    """The reader infers each column's type from its first rows: a later text cell in a
    numeric or date column must reach the checks as the text it holds (it used to come
    back blank, so "1.500.000" gave no pagu and "31/12/2023" no end date, silently)."""
    import datetime

    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "pegawai.xlsx"))
    sheet, as_date = book.add_worksheet(), book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER_PEGAWAI.split(","))
    rows = [(f"19900101201503{1}{i:03d}", 1_500_000, None) for i in range(150)]
    rows += [("199001012015031998", "1.500.000", None), ("199001012015031999", 2_000_000, "31/12/2023")]
    for r, (nip, pagu, selesai) in enumerate(rows, start=1):
        sheet.write_row(r, 0, [nip, "Budi", "PNS", "DINKES", None, "Staf", 7, "III/a", "5HK"])
        sheet.write_datetime(r, 9, datetime.datetime(2015, 3, 1), as_date)
        if selesai:
            sheet.write_string(r, 10, selesai)
        sheet.write(r, 11, pagu)
    book.close()
    result = ingest_file(SOURCES_BY_NAME["pegawai"], tmp_path, PERIODE, {})
    assert reasons(result) == {152: "PEMISAH_ANGKA_TIDAK_VALID"}
    last = result.accepted.filter(pl.col("nip") == "199001012015031999").row(0, named=True)
    assert (last["pagu_tpp"], last["tmt_selesai"]) == (2_000_000, date(2023, 12, 31))


def test_unknown_opd_and_unit_codes_are_rejected(tmp_path):
    known = {
        ("opd", "opd_kode"): Known(pl.Series(["DINKES"])),
        ("unit_layanan", "unit_layanan_kode"): Known(pl.Series(["PKM-RAU"])),
    }
    rows = [
        pegawai_row(),
        pegawai_row("199001012015031002").replace("DINKES", "DINKESS"),
        pegawai_row("199001012015031003").replace("DINKES,,", "DINKES,PKM-XXX,"),
    ]
    result = ingest(tmp_path, "pegawai", HEADER_PEGAWAI + "\n" + "\n".join(rows) + "\n", known)
    assert result.accepted["nip"].to_list() == [NIP_OK]
    assert reasons(result) == {3: "KODE_TIDAK_DIKENAL", 4: "KODE_TIDAK_DIKENAL"}
    assert result.rejected["column_name"].to_list() == ["opd_kode", "unit_layanan_kode"]


def test_survey_response_with_every_answer_blank_is_rejected(tmp_path):
    header = "respon_id,tanggal,unit_layanan_kode," + ",".join(f"u{i}" for i in range(1, 10))
    text = f"{header}\nR1,2026-10-01,PKM-RAU,,,,,,,,,\nR2,2026-10-01,PKM-RAU,4,,,,,,,,\nR3,2026-10-01,PKM-RAU,5,4,4,4,4,4,4,4,4\n"
    result = ingest(
        tmp_path, "survei_skm", text, {("unit_layanan", "unit_layanan_kode"): Known(pl.Series(["PKM-RAU"]))}
    )
    assert result.accepted["respon_id"].to_list() == ["R2"]
    assert reasons(result) == {2: "JAWABAN_KOSONG", 4: "NILAI_DI_LUAR_RENTANG"}


def test_a_file_in_another_format_is_named(tmp_path):
    (tmp_path / "presensi.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LandingError, match=r"presensi\.xls: not a CSV, XLSX or Parquet file"):
        ingest_file(SOURCES_BY_NAME["presensi"], tmp_path, PERIODE, KNOWN)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "header row is empty"),
        (b"\n\n", "header row is empty"),
    ],
)
def test_empty_file_is_a_file_level_error(tmp_path, content, message):
    with pytest.raises(LandingError, match=message):
        ingest(tmp_path, "presensi", content)


def test_a_broken_xlsx_is_a_file_level_error(tmp_path):
    (tmp_path / "presensi.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(LandingError, match=r"presensi\.xlsx: cannot be read as XLSX"):
        ingest_file(SOURCES_BY_NAME["presensi"], tmp_path, PERIODE, KNOWN)


def test_nip_stored_as_numbers_in_xlsx_is_refused(tmp_path):
    pl.DataFrame(
        {"nip": [199001012015031001], "tanggal": ["2026-10-01"], "jam_masuk": ["07:30"], "jam_pulang": ["16:00"]}
    ).write_excel(tmp_path / "presensi.xlsx")
    with pytest.raises(LandingError, match=r"presensi\.xlsx: column nip is stored as numbers"):
        ingest_file(SOURCES_BY_NAME["presensi"], tmp_path, PERIODE, KNOWN)


def test_readme_explains_every_reason_code():
    import re

    from pipelines import landing
    from pipelines.settings import PROJECT_ROOT

    codes = {
        v
        for k, v in vars(landing).items()
        if k.isupper() and isinstance(v, str) and re.fullmatch(r"[A-Z][A-Z0-9_]+", v)
    }
    codes |= set(landing.FORMAT_TIDAK_VALID.values())
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert len(codes) >= 15
    assert [c for c in sorted(codes) if f"| `{c}` |" not in readme] == []
