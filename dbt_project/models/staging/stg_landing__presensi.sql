-- presensi of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'presensi') }}
),

renamed as (
    select
        _periode as periode,
        nip,
        tanggal,
        jam_masuk,
        jam_pulang,
        _file_name,
        _line
    from source
)

select * from renamed
