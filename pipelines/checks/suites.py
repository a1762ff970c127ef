"""The Great Expectations suites, as code, and the queries whose rows they validate.

The GE file context lives in `expectations/gx/` (committed: suites, validation
definitions, checkpoints, great_expectations.yml). `python -m pipelines.checks.suites`
rewrites it from the definitions below; runs only read it. Validation results and
Data Docs go to `$TPP_VALIDASI_DIR` (set per run: `<export root>/validasi`).

Expectations that need more than one column (components add up, reconciliation with
fct_tpp_rincian) validate a derived column computed by the suite's query. The pay-table
suite reads the candidate rows (schema `candidate`): they are published to `marts` only
when it passes (pipelines/assets/publish.py).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

from pipelines.settings import PROJECT_ROOT

GX_ROOT = PROJECT_ROOT / "expectations"
# the Data Docs site's views (great_expectations.yml), GE's own with templates compiled once
DATA_DOCS_VIEWS = """\
    site_index_builder:
      class_name: DefaultSiteIndexBuilder
      view:
        module_name: pipelines.checks.data_docs
        class_name: IndexPageView
    site_section_builders:
      expectations:
        view:
          module_name: pipelines.checks.data_docs
          class_name: PageView
      validations:
        view:
          module_name: pipelines.checks.data_docs
          class_name: PageView
      profiling:
        view:
          module_name: pipelines.checks.data_docs
          class_name: PageView
"""


@dataclass(frozen=True)
class Suite:
    name: str
    asset: tuple[str, str]  # the Dagster asset the check is attached to
    query: str  # parameters: periode (repeat as needed via $periode)
    expectations: tuple  # (GE expectation class name, kwargs)
    row_id: str = "nip"  # names the failing rows in a failure message (up to five)


def _e(kind: str, **kwargs) -> tuple[str, dict]:
    return kind, kwargs


FCT_TPP = Suite(
    name="fct_tpp",
    asset=("marts", "fct_tpp"),
    query="""
        select
            *,
            -- a line is either an employee of the period or one whose own row was rejected
            -- (held, amounts 0, rulebook §7); every line but the latter has a pagu
            asn_aktif <> pegawai_ditolak as satu_asal,
            pegawai_ditolak or pagu_tpp is not null as pagu_terisi,
            not pegawai_ditolak or (status = 'TAHAN' and alasan_tahan = 'DATA_DITOLAK' and tpp_bruto = 0)
                as pegawai_ditolak_ditahan
        from (select
            t.*,
            t.tpp_disiplin + t.tpp_kinerja - t.potongan_hukdis - t.tpp_bruto as selisih_komponen,
            t.pagu_tpp - t.tpp_bruto as sisa_pagu,
            t.tpp_dibayar - case when t.status = 'BAYAR' then t.tpp_bruto + t.tpp_insentif else 0 end
                as selisih_dibayar,
            case when t.tpp_insentif = 0 then 0 else t.tpp_insentif * 100.0 / t.pagu_tpp end as insentif_per_pagu,
            -- rulebook §10: an OPD never transfers more than ROUND(pagu_aktif) of its BAYAR lines
            sum(case when t.status = 'BAYAR' then
                    case when t.hari_kerja = 0 then 0
                    else (2 * t.pagu_tpp * t.hari_aktif + t.hari_kerja) // (2 * t.hari_kerja) end
                    - t.tpp_dibayar
                else 0 end) over (partition by t.opd_kode) as sisa_pagu_aktif_opd,
            t.skor_disiplin - greatest(0, 100 - coalesce(r.poin, 0)) as selisih_rincian,
            (t.status = 'BAYAR') = (t.alasan_tahan is null) as status_sesuai_alasan,
            t.nip in (select nip from intermediate.int_pegawai_periode where periode = $periode) as asn_aktif,
            t.nip in (select nip from intermediate.int_pegawai_ditolak where periode = $periode) as pegawai_ditolak
        from candidate.fct_tpp as t
        left join (
            select nip, sum(poin) as poin from candidate.fct_tpp_rincian where periode = $periode group by nip
        ) as r using (nip)
        where t.periode = $periode)
    """,
    expectations=(
        # every ASN employed in the period, and every employee whose own row was rejected
        # (valid NIP), exactly once, and no one else
        _e("ExpectTableRowCountToEqual", value={"$PARAMETER": "jumlah_baris"}),
        _e("ExpectColumnValuesToBeUnique", column="nip"),
        _e("ExpectColumnValuesToBeInSet", column="satu_asal", value_set=[True]),
        _e("ExpectColumnValuesToBeInSet", column="pegawai_ditolak_ditahan", value_set=[True]),
        _e("ExpectColumnValuesToBeInSet", column="pagu_terisi", value_set=[True]),
        _e("ExpectColumnValuesToMatchRegex", column="nip", regex=r"^\d{18}$"),
        # amounts: whole rupiah, not negative, within the ceiling; components add up
        *(
            _e("ExpectColumnValuesToNotBeNull", column=c)
            for c in (
                "tpp_disiplin",
                "tpp_kinerja",
                "potongan_hukdis",
                "tpp_bruto",
                "tpp_insentif",
                "tpp_dibayar",
                "status",
            )
        ),
        *(
            _e("ExpectColumnValuesToBeBetween", column=c, min_value=0)
            for c in (
                "tpp_disiplin",
                "tpp_kinerja",
                "potongan_hukdis",
                "tpp_bruto",
                "sisa_pagu",
                "tpp_insentif",
                "sisa_pagu_aktif_opd",
            )
        ),
        _e("ExpectColumnValuesToBeBetween", column="selisih_komponen", min_value=0, max_value=0),
        # the incentive pool (rulebook §10): what is transferred, and no incentive above its cap
        _e("ExpectColumnValuesToBeBetween", column="selisih_dibayar", min_value=0, max_value=0),
        _e(
            "ExpectColumnValuesToBeBetween",
            column="insentif_per_pagu",
            min_value=0,
            max_value={"$PARAMETER": "batas_insentif"},
        ),
        # skor_disiplin = 100 − Σ poin of fct_tpp_rincian (floored at 0)
        _e("ExpectColumnValuesToBeBetween", column="selisih_rincian", min_value=0, max_value=0),
        # statuses and predikat in their sets, reasons exactly on held lines
        _e("ExpectColumnValuesToBeInSet", column="status", value_set=["BAYAR", "TAHAN"]),
        _e("ExpectColumnValuesToBeInSet", column="status_sesuai_alasan", value_set=[True]),
        _e("ExpectColumnValuesToBeInSet", column="predikat", value_set={"$PARAMETER": "predikat"}),
        # scores in range; caps that are rules come from the seeds in force (rules.validation_bounds)
        _e("ExpectColumnValuesToBeBetween", column="skor_disiplin", min_value=0, max_value=100),
        _e(
            "ExpectColumnValuesToBeBetween",
            column="skor_produktivitas",
            min_value=0,
            max_value={"$PARAMETER": "batas_capaian"},
        ),
        _e("ExpectColumnValuesToBeBetween", column="skor_perilaku", min_value=0, max_value=100),
        _e("ExpectColumnValuesToBeBetween", column="skor_kepuasan", min_value=0, max_value=100),
        _e(
            "ExpectColumnValuesToBeBetween", column="bonus_inovasi", min_value=0, max_value={"$PARAMETER": "bonus_maks"}
        ),
        _e(
            "ExpectColumnValuesToBeBetween",
            column="skor_kinerja",
            min_value=0,
            max_value={"$PARAMETER": "batas_skor_kinerja"},
        ),
        _e("ExpectColumnValuesToBeBetween", column="persen_kinerja", min_value=0, max_value=1),
        _e("ExpectColumnValuesToBeBetween", column="persen_hukdis", min_value=0, max_value=100),
        _e("ExpectColumnValuesToBeBetween", column="hari_aktif", min_value=0, max_value=31),
    ),
)


def _input(source: str, key: list[str], *expectations) -> Suite:
    return Suite(
        row_id=key[0],
        name=f"input_{source}",
        asset=("raw", source),
        query=f"select * from raw.{source} where _periode = $periode",
        expectations=(
            _e("ExpectCompoundColumnsToBeUnique", column_list=key)
            if len(key) > 1
            else _e("ExpectColumnValuesToBeUnique", column=key[0]),
            *(_e("ExpectColumnValuesToNotBeNull", column=c) for c in key),
            *expectations,
        ),
    )


NIP = _e("ExpectColumnValuesToMatchRegex", column="nip", regex=r"^\d{18}$")
IN_PERIOD = _e(
    "ExpectColumnValuesToBeBetween",
    column="tanggal",
    min_value={"$PARAMETER": "awal_periode"},
    max_value={"$PARAMETER": "akhir_periode"},
)

INPUTS = (
    _input(
        "pegawai",
        ["nip"],
        NIP,
        _e("ExpectColumnValuesToBeInSet", column="jenis_asn", value_set=["PNS", "PPPK"]),
        _e("ExpectColumnValuesToBeInSet", column="jadwal_kerja", value_set=["5HK", "6HK"]),
        _e("ExpectColumnValuesToBeBetween", column="kelas_jabatan", min_value=1, max_value=17),
        _e("ExpectColumnValuesToBeBetween", column="pagu_tpp", min_value=0),
    ),
    _input("presensi", ["nip", "tanggal"], NIP, IN_PERIOD),
    _input(
        "target_kinerja",
        ["nip", "indikator_id"],
        NIP,
        _e("ExpectColumnValuesToBeBetween", column="bobot", min_value=0, strict_min=True),
        _e("ExpectColumnValuesToBeBetween", column="target", min_value=0, strict_min=True),
        _e("ExpectColumnValuesToBeBetween", column="realisasi", min_value=0),
        _e("ExpectColumnValuesToBeInSet", column="arah", value_set=["naik", "turun"]),
    ),
    _input(
        "penilaian_perilaku",
        ["nip"],
        NIP,
        _e("ExpectColumnValuesToBeBetween", column="nilai_perilaku", min_value=0, max_value=100),
    ),
    _input(
        "survei_skm",
        ["respon_id"],
        IN_PERIOD,
        *(_e("ExpectColumnValuesToBeBetween", column=f"u{i}", min_value=1, max_value=4) for i in range(1, 10)),
    ),
)

SUITES = (*INPUTS, FCT_TPP)


def write_project() -> None:
    """(Re)write the GE file context in expectations/ from the definitions above."""
    import great_expectations as gx

    shutil.rmtree(GX_ROOT / "gx", ignore_errors=True)
    context = gx.get_context(mode="file", project_root_dir=GX_ROOT)
    datasource = context.data_sources.add_pandas("warehouse")
    for suite_def in SUITES:
        suite = gx.ExpectationSuite(name=suite_def.name)
        for kind, kwargs in suite_def.expectations:
            suite.add_expectation(getattr(gx.expectations, kind)(**kwargs))
        suite = context.suites.add(suite)
        batch = datasource.add_dataframe_asset(name=suite_def.name).add_batch_definition_whole_dataframe("periode")
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=suite_def.name, data=batch, suite=suite)
        )
        context.checkpoints.add(
            gx.Checkpoint(
                name=suite_def.name,
                validation_definitions=[validation],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs")],
                result_format={
                    "result_format": "SUMMARY",
                    "partial_unexpected_count": 20,
                    "unexpected_index_column_names": [suite_def.row_id],
                },
            )
        )
    # results and Data Docs belong to a run's export root, not to the repository
    config = (GX_ROOT / "gx" / "great_expectations.yml").read_text()
    config = config.replace("base_directory: uncommitted/validations/", "base_directory: ${TPP_VALIDASI_DIR}/hasil/")
    config = config.replace(
        "base_directory: uncommitted/data_docs/local_site/", "base_directory: ${TPP_VALIDASI_DIR}/data_docs/"
    )
    # every page drawn by views that compile GE's templates once per process (data_docs.py)
    config = config.replace("    site_index_builder:\n      class_name: DefaultSiteIndexBuilder\n", DATA_DOCS_VIEWS)
    config += "progress_bars:\n  globally: false\n  metric_calculations: false\n"
    (GX_ROOT / "gx" / "great_expectations.yml").write_text(config)


if __name__ == "__main__":
    write_project()
