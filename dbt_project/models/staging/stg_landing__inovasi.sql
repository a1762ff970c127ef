-- inovasi of the period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'inovasi') }}
    where _periode = {{ periode() }}
),

renamed as (
    select
        inovasi_id, nip, judul, tingkat, status, tanggal_penerapan,
        _file_name,
        _line
    from source
)

select * from renamed
