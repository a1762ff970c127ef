-- hari_libur of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'hari_libur') }}
),

renamed as (
    select
        _periode as periode,
        tanggal,
        keterangan,
        _file_name,
        _line
    from source
)

select * from renamed
