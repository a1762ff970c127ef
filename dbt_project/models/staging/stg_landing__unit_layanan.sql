-- unit_layanan of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'unit_layanan') }}
),

renamed as (
    select
        _periode as periode,
        unit_layanan_kode,
        nama_unit,
        opd_kode,
        _file_name,
        _line
    from source
)

select * from renamed
