-- target_kinerja of the period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'target_kinerja') }}
    where _periode = {{ periode() }}
),

renamed as (
    select
        nip, indikator_id, indikator, bobot, target, realisasi, arah, satuan,
        _file_name,
        _line
    from source
)

select * from renamed
