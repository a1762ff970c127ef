-- hari_libur of the period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'hari_libur') }}
    where _periode = {{ periode() }}
),

renamed as (
    select
        tanggal, keterangan,
        _file_name,
        _line
    from source
)

select * from renamed
