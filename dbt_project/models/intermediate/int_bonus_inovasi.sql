-- innovation bonus per ASN: the highest points of an applied innovation in the
-- window ending on the period's last day (rulebook §5); not a sum
with inovasi as (
    select * from {{ ref('stg_landing__inovasi') }}
    where periode = {{ periode() }}
),

poin as (
    {{ rules_in_force('poin_inovasi') }}
),

-- after the same day bulan_jendela_inovasi months earlier, up to the last day of P
dalam_jendela as (
    select
        i.*,
        p.poin
    from inovasi as i
    inner join poin as p on i.tingkat = p.tingkat
    where
        i.status = 'diterapkan'
        and i.tanggal_penerapan <= {{ akhir_periode() }}
        and i.tanggal_penerapan
        > {{ akhir_periode() }} - to_months(cast({{ param('bulan_jendela_inovasi') }} as integer))
),

final as (
    select
        {{ periode() }} as periode,
        nip,
        max(poin) as bonus_inovasi,
        arg_max(inovasi_id, poin) as inovasi_id_terpakai
    from dalam_jendela
    group by nip
)

select * from final
