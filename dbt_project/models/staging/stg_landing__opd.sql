-- opd of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'opd') }}
),

renamed as (
    select
        _periode as periode,
        opd_kode,
        nama_opd,
        predikat_organisasi,
        _file_name,
        _line
    from source
)

select * from renamed
