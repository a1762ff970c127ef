-- penilaian_perilaku of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'penilaian_perilaku') }}
),

renamed as (
    select
        _periode as periode,
        nip,
        nilai_perilaku,
        penilai_nip,
        _file_name,
        _line
    from source
)

select * from renamed
