-- working days of the period per schedule, with their hours (rulebook §1)
with tanggal as (
    select cast(unnest(generate_series({{ awal_periode() }}, {{ akhir_periode() }}, interval 1 day)) as date) as tanggal
),

jam_kerja as (
    {{ rules_in_force('jam_kerja') }}
),

hari_libur as (
    select tanggal from {{ ref('stg_landing__hari_libur') }}
    where periode = {{ periode() }}
),

-- the weekdays of a schedule are those with a default (undated) row
jam_default as (
    select * from jam_kerja
    where tanggal_mulai is null
),

-- a dated row (e.g. Ramadan) overrides the default hours on its dates
jam_khusus as (
    select * from jam_kerja
    where tanggal_mulai is not null
),

final as (
    select
        {{ periode() }} as periode,
        d.jadwal_kerja,
        t.tanggal,
        coalesce(k.jam_mulai, d.jam_mulai) as jam_mulai,
        coalesce(k.jam_selesai, d.jam_selesai) as jam_selesai
    from tanggal as t
    inner join jam_default as d on d.hari_iso = isodow(t.tanggal)
    left join jam_khusus as k
        on
            d.jadwal_kerja = k.jadwal_kerja
            and d.hari_iso = k.hari_iso
            and t.tanggal between k.tanggal_mulai and k.tanggal_selesai
    where
        not exists (
            select 1 from hari_libur as l
            where l.tanggal = t.tanggal
        )
    qualify row_number() over (partition by d.jadwal_kerja, t.tanggal order by k.tanggal_mulai desc nulls last) = 1
)

select * from final
