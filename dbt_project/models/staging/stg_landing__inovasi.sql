-- inovasi of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'inovasi') }}
),

renamed as (
    select
        _periode as periode,
        inovasi_id,
        nip,
        judul,
        tingkat,
        status,
        tanggal_penerapan,
        _file_name,
        _line
    from source
)

select * from renamed
