-- survei_skm of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'survei_skm') }}
),

renamed as (
    select
        _periode as periode,
        respon_id,
        tanggal,
        unit_layanan_kode,
        u1,
        u2,
        u3,
        u4,
        u5,
        u6,
        u7,
        u8,
        u9,
        _file_name,
        _line
    from source
)

select * from renamed
