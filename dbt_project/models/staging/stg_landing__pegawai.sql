-- pegawai of every period, as landed (typed at ingest; rejected rows are in audit.quarantine)
with source as (
    select * from {{ source('raw', 'pegawai') }}
),

renamed as (
    select
        _periode as periode,
        nip,
        nama,
        jenis_asn,
        opd_kode,
        unit_layanan_kode,
        jabatan,
        kelas_jabatan,
        golongan,
        jadwal_kerja,
        tmt_mulai,
        tmt_selesai,
        pagu_tpp,
        _file_name,
        _line
    from source
)

select * from renamed
