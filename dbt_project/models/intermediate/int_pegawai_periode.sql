-- ASN employed on at least one day of the period, with the pagu in force (rulebook §2)
with pegawai as (
    select * from {{ ref('stg_landing__pegawai') }}
    where periode = {{ periode() }}
),

tarif as (
    {{ rules_in_force('tarif_tpp_kelas') }}
),

dalam_periode as (
    select *
    from pegawai
    where
        tmt_mulai <= {{ akhir_periode() }}
        and (tmt_selesai is null or tmt_selesai >= {{ awal_periode() }})
),

final as (
    select
        p.periode,
        p.nip,
        p.nama,
        p.jenis_asn,
        p.opd_kode,
        p.unit_layanan_kode,
        p.jabatan,
        p.kelas_jabatan,
        p.jadwal_kerja,
        p.tmt_mulai,
        p.tmt_selesai,
        -- the employee record wins; a blank pagu comes from the kelas table
        coalesce(p.pagu_tpp, t.tarif) as pagu_tpp,
        case when p.pagu_tpp is not null then 'pegawai' else 'tarif_tpp_kelas' end as sumber_pagu
    from dalam_periode as p
    left join tarif as t on p.kelas_jabatan = t.kelas_jabatan
)

select * from final
