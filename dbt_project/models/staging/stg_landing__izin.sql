-- izin of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'izin') }}
),

renamed as (
    select
        _periode as periode,
        nip,
        jenis,
        tanggal_mulai,
        tanggal_selesai,
        nomor_dokumen,
        _file_name,
        _line
    from source
)

select * from renamed
