-- employees whose own pegawai row was rejected but whose NIP is valid: the period
-- still has a held line for each (rulebook §7, v1.1), from what the row gives that
-- passed its checks (audit.quarantine.valid_fields)
with quarantine as (
    select * from {{ ref('stg_audit__quarantine') }}
    where periode = {{ periode() }} and source = 'pegawai' and reason <> 'DUPLIKAT'
),

diterima as (
    select nip from {{ ref('stg_landing__pegawai') }}
    where periode = {{ periode() }}
),

tarif as (
    {{ rules_in_force('tarif_tpp_kelas') }}
),

lolos as (
    select
        valid_fields ->> 'nip' as nip,
        valid_fields ->> 'nama' as nama,
        valid_fields ->> 'opd_kode' as opd_kode,
        cast(valid_fields ->> 'kelas_jabatan' as integer) as kelas_jabatan,
        cast(valid_fields ->> 'pagu_tpp' as bigint) as pagu_tpp,
        cast(valid_fields ->> 'tmt_mulai' as date) as tmt_mulai,
        cast(valid_fields ->> 'tmt_selesai' as date) as tmt_selesai,
        line
    from quarantine
    where
        valid_fields ->> 'nip' is not null
        and valid_fields ->> 'nip' not in (select diterima.nip from diterima)
),

-- several rejected rows of one NIP (DUPLIKAT_BERBEDA): a field is kept only where they agree
per_nip as (
    select
        nip,
        -- noqa: disable=LT02
        {% for c in ['nama', 'opd_kode', 'kelas_jabatan', 'pagu_tpp', 'tmt_mulai', 'tmt_selesai'] %}
        case when count({{ c }}) = count(*) and min({{ c }}) = max({{ c }}) then min({{ c }}) end as {{ c }},
        {% endfor %}
        -- noqa: enable=all
        string_agg(cast(line as varchar), ',' order by line) as baris_ditolak
    from lolos
    group by nip
),

final as (
    select
        {{ periode() }} as periode,
        p.nip,
        p.nama,
        p.opd_kode,
        p.kelas_jabatan,
        -- as for any line: the employee record's pagu, else the kelas table (when known)
        coalesce(p.pagu_tpp, t.tarif) as pagu_tpp,
        p.baris_ditolak
    from per_nip as p
    left join tarif as t on p.kelas_jabatan = t.kelas_jabatan
    -- dates that passed their checks and put the whole employment outside the period
    -- are known facts: such a person is not owed this month
    where
        not coalesce(p.tmt_mulai > {{ akhir_periode() }}, false)
        and not coalesce(p.tmt_selesai < {{ awal_periode() }}, false)
)

select * from final
