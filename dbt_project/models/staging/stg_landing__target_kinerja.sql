-- target_kinerja of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'target_kinerja') }}
),

renamed as (
    select
        _periode as periode,
        nip,
        indikator_id,
        indikator,
        bobot,
        target,
        realisasi,
        arah,
        satuan,
        _file_name,
        _line
    from source
)

select * from renamed
