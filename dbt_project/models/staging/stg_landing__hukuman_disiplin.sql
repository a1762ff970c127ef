-- hukuman_disiplin of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'hukuman_disiplin') }}
),

renamed as (
    select
        _periode as periode,
        nip,
        tingkat,
        nomor_sk,
        tmt_mulai,
        lama_bulan,
        persen_potongan,
        _file_name,
        _line
    from source
)

select * from renamed
