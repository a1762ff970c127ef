-- unit_layanan of the period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'unit_layanan') }}
    where _periode = {{ periode() }}
),

renamed as (
    select
        unit_layanan_kode, nama_unit, opd_kode,
        _file_name,
        _line
    from source
)

select * from renamed
