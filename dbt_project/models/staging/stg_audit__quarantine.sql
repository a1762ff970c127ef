-- rows of the period rejected at ingest; an ASN named here is held (DATA_DITOLAK)
with source as (
    select * from {{ source('audit', 'quarantine') }}
    where periode = {{ periode() }}
),

renamed as (
    select source, file_name, line, column_name, raw_value, reason, nip
    from source
)

select * from renamed
