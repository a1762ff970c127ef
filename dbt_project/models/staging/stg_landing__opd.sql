-- opd of the period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'opd') }}
    where _periode = {{ periode() }}
),

renamed as (
    select
        opd_kode, nama_opd, predikat_organisasi,
        _file_name,
        _line
    from source
)

select * from renamed
