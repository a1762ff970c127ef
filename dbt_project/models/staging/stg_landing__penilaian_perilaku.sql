-- penilaian_perilaku of the period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'penilaian_perilaku') }}
    where _periode = {{ periode() }}
),

renamed as (
    select
        nip, nilai_perilaku, penilai_nip,
        _file_name,
        _line
    from source
)

select * from renamed
