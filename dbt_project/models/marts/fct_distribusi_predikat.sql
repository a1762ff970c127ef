-- rulebook §8: per OPD, the predikat distribution of its BAYAR lines against the quota
-- of the OPD's own predikat. Reported for auditors, never used to change anyone's pay.
with opd as (
    select * from {{ ref('stg_landing__opd') }}
    where periode = {{ periode() }}
),

bayar as (
    select * from {{ ref('fct_tpp') }}
    where periode = {{ periode() }} and status = 'BAYAR'
),

kuota as (
    {{ rules_in_force('kuota_predikat_opd') }}
),

distribusi as (
    select
        opd.opd_kode,
        opd.predikat_organisasi,
        count(bayar.nip) as jumlah_asn,
        count(bayar.nip) filter (where bayar.predikat = 'Sangat Baik') as jumlah_sangat_baik,
        count(bayar.nip) filter (where bayar.predikat = 'Baik') as jumlah_baik,
        count(bayar.nip) filter (where bayar.predikat = 'Butuh Perbaikan') as jumlah_butuh_perbaikan,
        count(bayar.nip) filter (where bayar.predikat = 'Kurang') as jumlah_kurang,
        count(bayar.nip) filter (where bayar.predikat = 'Sangat Kurang') as jumlah_sangat_kurang
    from opd
    left join bayar on opd.opd_kode = bayar.opd_kode
    group by opd.opd_kode, opd.predikat_organisasi
),

-- each clause of the OPD's quota with the lines it counts (one or more predikat)
klausa as (
    select
        distribusi.opd_kode,
        distribusi.jumlah_asn,
        kuota.klausa,
        kuota.batas,
        kuota.persen,
        kuota.jumlah,
        replace(kuota.predikat_pegawai, '|', ' atau ') as predikat_dihitung,
        (
            select count(*) from bayar
            where
                bayar.opd_kode = distribusi.opd_kode
                and list_contains(string_split(kuota.predikat_pegawai, '|'), bayar.predikat)
        ) as dihitung
    from distribusi
    inner join kuota on distribusi.predikat_organisasi = kuota.predikat_organisasi
    where distribusi.jumlah_asn > 0
),

-- exact shares: dihitung / jumlah_asn against persen / 100, compared without dividing
dinilai as (
    select
        *,
        -- a clause it cannot read (unknown batas, no persen nor jumlah) is not met: a
        -- broken rule row shows as a misfit, never as a pass
        coalesce(case
            when batas = 'paling_banyak' and persen is not null then dihitung * 100 <= persen * jumlah_asn
            when batas = 'paling_sedikit' and persen is not null then dihitung * 100 >= persen * jumlah_asn
            when batas = 'paling_banyak' then dihitung <= jumlah
            when batas = 'paling_sedikit' then dihitung >= jumlah
        end, false) as terpenuhi,
        predikat_dihitung || ' ' || dihitung || ' dari ' || jumlah_asn || ' ASN, '
        || coalesce(replace(batas, '_', ' '), '(batas tidak diisi)') || ' '
        || coalesce(rtrim(rtrim(cast(persen as varchar), '0'), '.') || '%', jumlah || ' ASN', '(batas tanpa angka)')
            as uraian
    from klausa
),

per_opd as (
    select
        opd_kode,
        count(*) filter (where not terpenuhi) as tidak_terpenuhi,
        string_agg(uraian, '; ' order by klausa) filter (where not terpenuhi) as catatan
    from dinilai
    group by opd_kode
),

final as (
    select
        {{ periode() }} as periode,
        d.opd_kode,
        d.predikat_organisasi,
        cast(d.jumlah_asn as integer) as jumlah_asn,
        cast(d.jumlah_sangat_baik as integer) as jumlah_sangat_baik,
        cast(d.jumlah_baik as integer) as jumlah_baik,
        cast(d.jumlah_butuh_perbaikan as integer) as jumlah_butuh_perbaikan,
        cast(d.jumlah_kurang as integer) as jumlah_kurang,
        cast(d.jumlah_sangat_kurang as integer) as jumlah_sangat_kurang,
        case when d.jumlah_asn > 0 and p.opd_kode is not null then p.tidak_terpenuhi = 0 end as sesuai,
        case
            when d.jumlah_asn = 0 then 'tidak dinilai: tidak ada baris BAYAR'
            when d.predikat_organisasi is null then 'tidak dinilai: predikat organisasi tidak diisi'
            when p.opd_kode is null then 'tidak dinilai: tidak ada kuota untuk predikat ' || d.predikat_organisasi
            else p.catatan
        end as catatan
    from distribusi as d
    left join per_opd as p on d.opd_kode = p.opd_kode
)

select * from final
