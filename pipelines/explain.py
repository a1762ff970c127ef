"""`tpp explain`: the whole derivation of one ASN's pay line for one period, read from
the warehouse (read-only) as a document — the text an officer hands to the ASN, or JSON
for other tools.

Every figure comes from the warehouse: the published line (marts.*), the steps that made
it (intermediate.*, which keep every month) and the rows as landed (staging views over
raw.*). The arithmetic of each rupiah amount is redone here in exact fractions from the
line's own published values (rulebook §9) and shown with its rounding; a difference from
the published amount is reported as a warning, never hidden.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import jinja2
import polars as pl

from pipelines import rules

# What releases a held line (rulebook §7), said to the ASN and the officer
ALASAN = {
    "TANPA_TARGET": (
        "tidak ada indikator target kinerja untuk NIP ini pada periode ini",
        "target_kinerja periode ini memuat indikator NIP ini dan periode dihitung ulang (revisi baru)",
    ),
    "TANPA_PENILAIAN_PERILAKU": (
        "tidak ada penilaian perilaku dari atasan pada periode ini",
        "penilaian_perilaku periode ini memuat nilai NIP ini dan periode dihitung ulang (revisi baru)",
    ),
    "DATA_DITOLAK": (
        "ada baris tentang NIP ini yang ditolak saat dimuat (audit.quarantine)",
        "baris-baris di bawah diperbaiki di berkas landing dan periode dihitung ulang (revisi baru)",
    ),
}

NAMA_KODE = {
    "TK": "tanpa keterangan (tidak ada presensi)",
    "TL1": "terlambat",
    "TL2": "terlambat",
    "TL3": "terlambat",
    "TL4": "terlambat (atau tanpa jam masuk)",
    "PSW1": "pulang sebelum waktu",
    "PSW2": "pulang sebelum waktu",
    "PSW3": "pulang sebelum waktu",
    "PSW4": "pulang sebelum waktu (atau tanpa jam pulang)",
    "IZIN": "izin",
    "APEL": "tidak hadir apel/upacara",
}


class NoLine(Exception):
    """The NIP has no published line for the period (the message says why)."""


def rows(con, sql: str, params: list) -> list[dict[str, Any]]:
    """A query's rows as dicts by column name (the report reads the warehouse the same way)."""
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _one(con, sql: str, params: list) -> dict[str, Any] | None:
    found = rows(con, sql, params)
    return found[0] if found else None


def has_table(con, schema: str, table: str, catalog: str | None = None) -> bool:
    """The table exists (in any attached database, or in `catalog` when given)."""
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ? "
            "and coalesce(table_catalog = ?, true)",
            [schema, table, catalog],
        ).fetchone()[0]
    )


def round_half_up(x: Fraction) -> int:
    """ROUND of the rulebook: half-up to a whole rupiah (amounts here are never negative)."""
    return int((x + Fraction(1, 2)) // 1)


def _amount(name: str, exact: Fraction, published: int, formula: str, warnings: list[str]) -> dict:
    rounded = round_half_up(exact)
    if rounded != published:
        warnings.append(f"{name}: dihitung ulang {rounded}, terbit {published}")
    return {"nilai": published, "rumus": formula, "tepat": _fraction_text(exact), "dibulatkan": rounded}


def _fraction_text(x: Fraction, places: int = 4) -> str:
    """An exact fraction as a decimal, cut after `places` with '…' when it goes on."""
    scaled = x * 10**places
    if scaled.denominator == 1:
        return _plain(Decimal(int(scaled)).scaleb(-places))
    return f"{Decimal(int(scaled)).scaleb(-places):f}…"


def _rules_in_force(periode: str, pegawai: dict, jenis_izin: set[str]) -> dict[str, list[dict]]:
    picked = {
        "parameter_tpp": None,
        "poin_disiplin": None,
        "predikat_kinerja": None,
        "poin_inovasi": None,
        "mutu_pelayanan": None,
        "jam_kerja": pl.col("jadwal_kerja") == pegawai["jadwal_kerja"],
        "jenis_izin": pl.col("jenis").is_in(sorted(jenis_izin)),
    }
    if pegawai.get("sumber_pagu") == "tarif_tpp_kelas":
        picked["tarif_tpp_kelas"] = pl.col("kelas_jabatan") == str(pegawai["kelas_jabatan"])
    found = {}
    for seed, keep in picked.items():
        frame = rules.in_force(seed, periode)
        found[seed] = (frame if keep is None else frame.filter(keep)).to_dicts()
    return found


def explain(con, periode: str, nip: str) -> dict[str, Any]:
    """The derivation of (periode, nip) as a document of plain values (JSON-ready once
    `to_json` has turned dates and decimals into text). Raises NoLine."""
    if not has_table(con, "marts", "fct_tpp"):
        raise NoLine("gudang data ini belum memuat satu periode pun (marts.fct_tpp belum ada).")
    line = _one(con, "select * from marts.fct_tpp where periode = ? and nip = ?", [periode, nip])
    if line is None:
        raise NoLine(_why_no_line(con, periode, nip))
    warnings: list[str] = []
    doc: dict[str, Any] = {"periode": periode, "nip": nip, "baris": line}
    doc["publikasi"] = _publication(con, periode, warnings)
    doc["ditolak"] = rows(
        con,
        "select source as sumber, file_name as berkas, line as baris, column_name as kolom, raw_value as nilai, "
        "reason as alasan from audit.quarantine where periode = ? and nip = ? order by source, line, column_name",
        [periode, nip],
    )
    pegawai = _one(
        con,
        "select p.*, o.nama_opd, u.nama_unit from intermediate.int_pegawai_periode p "
        "left join staging.stg_landing__opd o on o.periode = p.periode and o.opd_kode = p.opd_kode "
        "left join staging.stg_landing__unit_layanan u "
        "  on u.periode = p.periode and u.unit_layanan_kode = p.unit_layanan_kode "
        "where p.periode = ? and p.nip = ?",
        [periode, nip],
    )
    doc["pegawai"] = pegawai
    if pegawai is None:  # the held line of an employee whose own row was rejected (§7 v1.1)
        doc["status"] = _status(line)
        doc["aturan"] = {}
        doc["peringatan"] = warnings
        return doc
    hari = rows(
        con, "select * from intermediate.int_hari_asn where periode = ? and nip = ? order by tanggal", [periode, nip]
    )
    doc["hari"] = _days(con, periode, line, hari, warnings)
    doc["disiplin"] = _discipline(con, periode, nip, line, hari, warnings)
    doc["kinerja"] = _performance(con, periode, nip, pegawai, warnings)
    doc["rupiah"] = _money(con, periode, nip, line, warnings)
    doc["insentif"] = _incentive(con, periode, line, warnings)
    doc["status"] = _status(line)
    doc["aturan"] = _rules_in_force(periode, pegawai, {d["jenis"] for d in doc["hari"]["izin"]})
    doc["peringatan"] = warnings
    return doc


def _why_no_line(con, periode: str, nip: str) -> str:
    published = con.execute("select count(*) from marts.fct_tpp where periode = ?", [periode]).fetchone()[0]
    if not published:
        return f"periode {periode} belum pernah diterbitkan di gudang data ini (tidak ada baris di marts.fct_tpp)."
    rejected = con.execute(
        "select count(*), string_agg(distinct reason, ', ' order by reason) from audit.quarantine "
        "where periode = ? and nip = ?",
        [periode, nip],
    ).fetchone()
    if rejected[0]:
        return (
            f"NIP {nip} tidak punya baris TPP pada {periode}: NIP ini tidak ada di data pegawai periode itu; "
            f"{rejected[0]} baris tentangnya ditolak ({rejected[1]}), lihat audit.quarantine."
        )
    return f"NIP {nip} tidak punya baris TPP pada {periode}: NIP ini tidak ada di data pegawai periode itu."


def _publication(con, periode: str, warnings: list[str]) -> dict | None:
    """The audit.runs row of the run that last published the month's pay table."""
    if not has_table(con, "audit", "runs"):
        return None
    run = _one(
        con,
        "select run_id, finished_at, revisi, rule_version, code_version, export_dir from audit.runs "
        "where periode = ? and status = 'BERHASIL' and total_bayar is not null order by finished_at desc limit 1",
        [periode],
    )
    if run is None:
        return None
    now = rules.rule_version(periode)
    changed = changed_since_publication(con, periode)
    if changed:
        warnings.append(
            f"{changed} setelah baris ini diterbitkan; angka baris adalah yang terbit, rincian masukannya "
            "bisa dari muatan yang lebih baru (lihat peringatan lain)"
        )
    if run["rule_version"] != now:
        warnings.append(
            f"aturan yang berlaku untuk {periode} telah berubah sejak periode ini dihitung "
            f"({run['rule_version']} → {now}); baris aturan di bawah adalah yang berlaku sekarang"
        )
    return run | {"rule_version_sekarang": now}


def changed_since_publication(con, periode: str) -> str | None:
    """What of the month was loaded or rebuilt after its marts were published
    (audit.publikasi; a later run that failed, or steps materialized alone): the
    published lines stand, but raw.*, intermediate.* and audit.quarantine then hold the
    newer rows. Publication itself requires every step to be newer than the inputs."""
    if not has_table(con, "audit", "publikasi"):  # a warehouse from before it was recorded
        return None
    later = con.execute(
        "with p as (select max(published_at) as t from audit.publikasi where periode = $1) "
        "select (select count(*) from audit.ingest_counts, p where periode = $1 and loaded_at > p.t), "
        "(select count(*) from audit.dbt_builds, p where periode = $1 and built_at > p.t "
        "  and model not like 'candidate.%')",
        [periode],
    ).fetchone()
    parts = [f"{later[0]} berkas masukan dimuat ulang"] * bool(later[0])
    parts += [f"{later[1]} langkah antara dibangun ulang"] * bool(later[1])
    return " dan ".join(parts) or None


def _days(con, periode: str, line: dict, hari: list[dict], warnings: list[str]) -> dict:
    libur = rows(
        con,
        "select tanggal, keterangan from staging.stg_landing__hari_libur where periode = ? order by tanggal",
        [periode],
    )
    # the leave that decided each working day while employed (int_hari_asn), with its document
    dokumen = {
        (r["jenis"], r["tanggal"]): r["nomor_dokumen"]
        for r in rows(
            con,
            "select jenis, tanggal, nomor_dokumen from intermediate.int_izin_harian where periode = ? and nip = ?",
            [periode, line["nip"]],
        )
    }
    izin = [
        {
            "tanggal": d["tanggal"],
            "jenis": d["jenis_izin"],
            "dibayar": d["dibayar"],
            "bebas_presensi": d["bebas_presensi"],
            "poin_per_hari": d["poin_per_hari"],
            "nomor_dokumen": dokumen.get((d["jenis_izin"], d["tanggal"])),
        }
        for d in hari
        if d["jenis_izin"] is not None and d["bekerja"]
    ]
    if (len(hari), sum(d["aktif"] for d in hari)) != (line["hari_kerja"], line["hari_aktif"]):
        warnings.append(
            f"hari: langkah antara memberi {len(hari)} hari kerja, {sum(d['aktif'] for d in hari)} aktif; "
            f"terbit {line['hari_kerja']}, {line['hari_aktif']}"
        )
    return {
        "hari_kerja": line["hari_kerja"],
        "hari_aktif": line["hari_aktif"],
        "hari_wajib_hadir": sum(d["wajib_hadir"] for d in hari),
        "libur": libur,
        "tidak_bekerja": [d["tanggal"] for d in hari if not d["bekerja"]],
        "izin": izin,
    }


def _discipline(con, periode: str, nip: str, line: dict, hari: list[dict], warnings: list[str]) -> dict:
    by_date = {d["tanggal"]: d for d in hari}
    peristiwa = rows(
        con,
        "select tanggal, kode, menit, poin from marts.fct_tpp_rincian where periode = ? and nip = ? "
        "order by tanggal, kode",
        [periode, nip],
    )
    for event in peristiwa:
        day = by_date.get(event["tanggal"], {})
        event |= {k: day.get(k) for k in ("jam_mulai", "jam_selesai", "jam_masuk", "jam_pulang")}
    jumlah = sum((e["poin"] for e in peristiwa), Decimal(0))
    skor = max(Decimal(0), 100 - jumlah)
    if skor != line["skor_disiplin"]:
        warnings.append(f"skor_disiplin: dihitung ulang {skor}, terbit {line['skor_disiplin']}")
    return {"peristiwa": peristiwa, "jumlah_poin": jumlah, "skor_disiplin": line["skor_disiplin"]}


def _performance(con, periode: str, nip: str, pegawai: dict, warnings: list[str]) -> dict:
    kinerja = _one(con, "select * from marts.fct_kinerja_asn where periode = ? and nip = ?", [periode, nip])
    if kinerja is None:
        raise NoLine(f"baris {nip} pada {periode} tidak lengkap: marts.fct_kinerja_asn tidak memuatnya.")
    indikator = rows(
        con,
        "select indikator_id, indikator, arah, bobot, target, realisasi, capaian "
        "from intermediate.int_capaian_indikator where periode = ? and nip = ? order by indikator_id",
        [periode, nip],
    )
    perilaku = _one(
        con,
        "select nilai_perilaku, penilai_nip from staging.stg_landing__penilaian_perilaku where periode = ? and nip = ?",
        [periode, nip],
    )
    unit = None
    if pegawai["unit_layanan_kode"]:
        unit = _one(
            con,
            "select unit_layanan_kode, jumlah_responden, ikm, mutu_pelayanan, ikm_berlaku "
            "from intermediate.int_ikm_unit where periode = ? and unit_layanan_kode = ?",
            [periode, pegawai["unit_layanan_kode"]],
        ) or {
            "unit_layanan_kode": pegawai["unit_layanan_kode"],
            "jumlah_responden": 0,
            "ikm": None,
            "ikm_berlaku": False,
        }
        unit["nama_unit"] = pegawai["nama_unit"]
        unit["minimum_responden"] = int(rules.parameter("min_responden_ikm", periode))
    poin = {r["tingkat"]: Decimal(r["poin"]) for r in rules.in_force("poin_inovasi", periode).to_dicts()}
    # §5: after the same day bulan_jendela_inovasi months earlier, up to the period's last day
    jendela = _one(
        con,
        "select cast(last_day(cast(? || '-01' as date)) - to_months(cast(? as integer)) as date) as setelah, "
        "last_day(cast(? || '-01' as date)) as sampai",
        [periode, int(rules.parameter("bulan_jendela_inovasi", periode)), periode],
    )
    inovasi = rows(
        con,
        "select inovasi_id, judul, tingkat, status, tanggal_penerapan from staging.stg_landing__inovasi "
        "where periode = ? and nip = ? order by inovasi_id",
        [periode, nip],
    )
    for row in inovasi:
        row["poin"] = poin.get(row["tingkat"])
        row["terpakai"] = row["inovasi_id"] == kinerja["inovasi_id_terpakai"]
        tanggal = row["tanggal_penerapan"]
        row["memenuhi"] = (
            row["status"] == "diterapkan" and tanggal is not None and jendela["setelah"] < tanggal <= jendela["sampai"]
        )
    terbaik = max((r["poin"] for r in inovasi if r["memenuhi"] and r["poin"] is not None), default=Decimal(0))
    _agrees("bonus_inovasi", Fraction(terbaik), kinerja["bonus_inovasi"], warnings)
    if indikator:
        prod = sum((Fraction(i["bobot"]) * Fraction(i["capaian"]) for i in indikator), Fraction(0)) / sum(
            Fraction(i["bobot"]) for i in indikator
        )
        _agrees("skor_produktivitas", prod, kinerja["skor_produktivitas"], warnings)
    _agrees(
        "skor_perilaku",
        Fraction(perilaku["nilai_perilaku"] if perilaku else 0),
        kinerja["skor_perilaku"],
        warnings,
    )
    if kinerja["skor_kepuasan"] is not None:
        _agrees(
            "skor_kepuasan",
            Fraction(unit["ikm"] if unit and unit["ikm"] is not None else 0),
            kinerja["skor_kepuasan"],
            warnings,
        )
    w = (kinerja["w_prod"], kinerja["w_perilaku"], kinerja["w_kepuasan"])
    terms = [(w[0], kinerja["skor_produktivitas"]), (w[1], kinerja["skor_perilaku"])]
    if kinerja["skor_kepuasan"] is not None:
        terms.append((w[2], kinerja["skor_kepuasan"]))
    rata = sum((Fraction(a) * Fraction(b) for a, b in terms), Fraction(0)) / sum(Fraction(a) for a, _ in terms)
    batas = rules.parameter("batas_skor_kinerja", periode)
    skor = min(Fraction(batas), rata + Fraction(kinerja["bonus_inovasi"]))
    _agrees("skor_kinerja", skor, kinerja["skor_kinerja"], warnings)
    return {
        "indikator": indikator,
        "batas_capaian": rules.parameter("batas_capaian", periode),
        "skor_produktivitas": kinerja["skor_produktivitas"],
        "perilaku": perilaku,
        "skor_perilaku": kinerja["skor_perilaku"],
        "kepuasan": unit,
        "skor_kepuasan": kinerja["skor_kepuasan"],
        "inovasi": inovasi,
        "jendela_inovasi": jendela,
        "bonus_inovasi": kinerja["bonus_inovasi"],
        "bobot": {"w_prod": w[0], "w_perilaku": w[1], "w_kepuasan": w[2]},
        "rata_rata_tertimbang": _fraction_text(rata, 10),
        "batas_skor_kinerja": batas,
        "skor_kinerja": kinerja["skor_kinerja"],
        "predikat": kinerja["predikat"],
        "persen_kinerja": kinerja["persen_kinerja"],
    }


def _agrees(name: str, recomputed: Fraction, published: Decimal, warnings: list[str]) -> None:
    """A published score is its inputs' value rounded once to 10 places (§9)."""
    if abs(recomputed - Fraction(published)) > Fraction(1, 2 * 10**10):
        warnings.append(
            f"{name}: dihitung ulang dari rincian {_fraction_text(recomputed, 10)}, terbit {_plain(published)}"
        )


def _money(con, periode: str, nip: str, line: dict, warnings: list[str]) -> dict:
    pagu, aktif, kerja = line["pagu_tpp"], line["hari_aktif"], line["hari_kerja"]
    faktor = Fraction(aktif, kerja) if kerja else Fraction(0)
    porsi_d, porsi_k = rules.parameter("porsi_disiplin", periode), rules.parameter("porsi_kinerja", periode)
    disiplin = _amount(
        "tpp_disiplin",
        pagu * faktor * Fraction(porsi_d) * Fraction(line["skor_disiplin"]) / 100,
        line["tpp_disiplin"],
        f"ROUND(pagu_tpp {pagu} × {aktif}/{kerja} × porsi_disiplin {_plain(porsi_d)} × skor_disiplin "
        f"{_plain(line['skor_disiplin'])}/100)",
        warnings,
    )
    kinerja = _amount(
        "tpp_kinerja",
        pagu * faktor * Fraction(porsi_k) * Fraction(line["persen_kinerja"]),
        line["tpp_kinerja"],
        f"ROUND(pagu_tpp {pagu} × {aktif}/{kerja} × porsi_kinerja {_plain(porsi_k)} × persen_kinerja "
        f"{_plain(line['persen_kinerja'])})",
        warnings,
    )
    sebelum = line["tpp_disiplin"] + line["tpp_kinerja"]
    potongan = _amount(
        "potongan_hukdis",
        sebelum * Fraction(line["persen_hukdis"]) / 100,
        line["potongan_hukdis"],
        f"ROUND((tpp_disiplin + tpp_kinerja) {sebelum} × persen_hukdis {_plain(line['persen_hukdis'])}/100)",
        warnings,
    )
    # every sanction on file: the window of lama_bulan months from tmt_mulai's month
    # (§6), and which one gave persen_hukdis
    hukuman = rows(
        con,
        "with sk as (select *, strftime(tmt_mulai + to_months(lama_bulan - 1), '%Y-%m') as berlaku_sampai "
        "  from staging.stg_landing__hukuman_disiplin where periode = ? and nip = ?) "
        "select nomor_sk, tingkat, tmt_mulai, lama_bulan, persen_potongan, berlaku_sampai, "
        "  strftime(tmt_mulai, '%Y-%m') <= periode and periode <= berlaku_sampai as berlaku, "
        "  coalesce(nomor_sk = (select nomor_sk_terpakai from intermediate.int_hukuman_aktif a "
        "    where a.periode = sk.periode and a.nip = sk.nip), false) as terpakai, "
        "  persen_potongan = ? as setinggi_terpakai "
        "from sk order by tmt_mulai, nomor_sk",
        [periode, nip, line["persen_hukdis"]],
    )
    return {
        "porsi_disiplin": porsi_d,
        "porsi_kinerja": porsi_k,
        "tpp_disiplin": disiplin,
        "tpp_kinerja": kinerja,
        "hukuman": hukuman,
        "persen_hukdis": line["persen_hukdis"],
        "potongan_hukdis": potongan,
        "tpp_bruto": line["tpp_bruto"],
    }


def _incentive(con, periode: str, line: dict, warnings: list[str]) -> dict | None:
    """Rulebook §10: the OPD's pool of the month and, for a recipient, its share
    recomputed in exact fractions from the OPD's published lines. None for a month
    published before the pool existed."""
    if line.get("tpp_insentif") is None or not has_table(con, "marts", "fct_insentif_opd"):
        return None
    kolam = _one(
        con,
        "select * from marts.fct_insentif_opd where periode = ? and opd_kode is not distinct from ?",
        [periode, line["opd_kode"]],
    )
    found = {"kolam": kolam, "tpp_insentif": line["tpp_insentif"], "tpp_dibayar": line["tpp_dibayar"]}
    if not (kolam and kolam["aktif"] and line["status"] == "BAYAR" and line["predikat"] == "Sangat Baik"):
        return found
    batas = rules.in_force("insentif", periode)["batas_persen_pagu"][0]
    penerima = rows(
        con,
        "select pagu_tpp, hari_aktif, hari_kerja from marts.fct_tpp where periode = ? and status = 'BAYAR' "
        "and predikat = 'Sangat Baik' and opd_kode is not distinct from ?",
        [periode, line["opd_kode"]],
    )
    w = sum(Fraction(p["pagu_tpp"] * p["hari_aktif"], p["hari_kerja"]) for p in penerima if p["hari_kerja"])
    pagu_aktif = Fraction(line["pagu_tpp"] * line["hari_aktif"], line["hari_kerja"]) if line["hari_kerja"] else 0
    bagian = math.floor(kolam["dana_insentif"] * pagu_aktif / w) if w else 0
    plafon = math.floor(line["pagu_tpp"] * Fraction(batas) / 100)
    if min(bagian, plafon) != line["tpp_insentif"]:
        warnings.append(
            f"tpp_insentif: dihitung ulang {min(bagian, plafon)}, tercatat {line['tpp_insentif']} (selisih)."
        )
    return found | {
        "w": _fraction_text(Fraction(w)),
        "pagu_aktif": _fraction_text(Fraction(pagu_aktif)),
        "bagian": bagian,
        "plafon": plafon,
        "batas": Decimal(batas),
    }


def _status(line: dict) -> dict:
    codes = [c.strip() for c in (line["alasan_tahan"] or "").split(",") if c.strip()]
    return {
        "status": line["status"],
        "alasan": [
            {"kode": c, "keterangan": ALASAN.get(c, (c, ""))[0], "dilepas_bila": ALASAN.get(c, ("", ""))[1]}
            for c in codes
        ],
    }


def to_json(value: Any) -> Any:
    """Dates ISO, decimals as exact text, money and counts as integers."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if hasattr(value, "isoformat"):  # times
        return value.isoformat()
    return value


def _plain(value: Decimal) -> str:
    """A decimal without trailing zeros and never in exponent form: 97.0000 → 97."""
    return format(value.normalize(), "f")


def angka(n: int) -> str:
    """Indonesian thousands separator: 1.234.567 (explain, the report, the run summary)."""
    return f"{n:,}".replace(",", ".")


def rupiah(n: int) -> str:
    return f"-Rp{angka(-n)}" if n < 0 else f"Rp{angka(n)}"


def _des(value: Decimal | str | int) -> str:
    """An exact decimal the Indonesian way: 76,8333333333 (no trailing zeros)."""
    text = _plain(value) if isinstance(value, Decimal) else str(value)
    if text.endswith("…"):  # an exact fraction cut short (_fraction_text)
        return _des(text[:-1]) + "…"
    whole, dot, rest = text.partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    return sign + angka(int(digits)) + ("," + rest if dot else "")


def render_text(doc: dict[str, Any]) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipelines", "templates"),
        undefined=jinja2.StrictUndefined,  # a field the template names must exist
        keep_trailing_newline=True,
    )
    env.filters |= {
        "angka": angka,
        "rp": rupiah,
        "des": _des,
        "tgl": lambda d: d.strftime("%d-%m-%Y"),
        "jam": lambda t: t.strftime("%H:%M:%S") if t is not None else "-",
    }
    return env.get_template("penjelasan.txt.j2").render(d=doc, kode=NAMA_KODE)
