-- rows rejected at ingest, every period; an ASN named here is held (DATA_DITOLAK)
with source as (
    select * from {{ source('audit', 'quarantine') }}
),

renamed as (
    select
        periode,
        source,
        file_name,
        line,
        column_name,
        raw_value,
        reason,
        nip,
        valid_fields
    from source
)

select * from renamed
