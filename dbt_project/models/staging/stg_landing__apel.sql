-- apel of the period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'apel') }}
    where _periode = {{ periode() }}
),

renamed as (
    select
        nip, tanggal, hadir,
        _file_name,
        _line
    from source
)

select * from renamed
