-- the deduction percentage of the disciplinary sanctions active in the period: a
-- sanction runs lama_bulan months starting with the month of tmt_mulai (rulebook §6)
with hukuman as (
    select * from {{ ref('stg_landing__hukuman_disiplin') }}
    where periode = {{ periode() }}
),

aktif as (
    select
        *,
        (year({{ awal_periode() }}) * 12 + month({{ awal_periode() }}))
        - (year(tmt_mulai) * 12 + month(tmt_mulai)) as bulan_ke
    from hukuman
),

final as (
    select
        {{ periode() }} as periode,
        nip,
        max(persen_potongan) as persen_hukdis,
        arg_max(nomor_sk, persen_potongan) as nomor_sk_terpakai
    from aktif
    where bulan_ke >= 0 and bulan_ke < lama_bulan
    group by nip
)

select * from final
