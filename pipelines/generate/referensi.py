"""Reference tables for the synthetic Kota Serang data: agencies, service units,
positions, names, academic titles, performance indicators and innovation titles.

Everything here is plain data; the other modules decide how it is sampled.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Perangkat daerah (OPD)
# ---------------------------------------------------------------------------
# kode, nama, jenis (picks the structural ladder), head position, head kelas,
# relative staff weight, share of staff working in the OPD's service units.
OPD: list[tuple[str, str, str, str, int, float, float]] = [
    ("SETDA", "Sekretariat Daerah", "setda",
     "Sekretaris Daerah", 17, 3.5, 0.0),
    ("SETWAN", "Sekretariat DPRD", "setwan",
     "Sekretaris DPRD", 15, 1.2, 0.0),
    ("INSPEKTORAT", "Inspektorat", "inspektorat",
     "Inspektur", 15, 1.0, 0.0),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan",
     "Kepala Badan Perencanaan Pembangunan Daerah", 15, 1.0, 0.0),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan",
     "Kepala Badan Pengelolaan Keuangan dan Aset Daerah", 15, 1.5, 0.0),
    ("BAPENDA", "Badan Pendapatan Daerah", "badan",
     "Kepala Badan Pendapatan Daerah", 15, 1.5, 0.0),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan",
     "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 15, 1.2, 0.0),
    ("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", "dinas",
     "Kepala Dinas Pendidikan dan Kebudayaan", 15, 42.0, 0.94),
    ("DINKES", "Dinas Kesehatan", "dinas",
     "Kepala Dinas Kesehatan", 15, 12.0, 0.86),
    ("RSUD", "Rumah Sakit Umum Daerah Kota Serang", "rsud",
     "Direktur RSUD Kota Serang", 14, 6.0, 0.9),
    ("DP3AKB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", "dinas",
     "Kepala Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", 15, 1.0, 0.0),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas",
     "Kepala Dinas Kependudukan dan Pencatatan Sipil", 15, 1.2, 0.65),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas",
     "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 15, 1.0, 0.6),
    ("DINSOS", "Dinas Sosial", "dinas",
     "Kepala Dinas Sosial", 15, 1.0, 0.0),
    ("DISHUB", "Dinas Perhubungan", "dinas",
     "Kepala Dinas Perhubungan", 15, 1.5, 0.0),
    ("DLH", "Dinas Lingkungan Hidup", "dinas",
     "Kepala Dinas Lingkungan Hidup", 15, 2.0, 0.0),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas",
     "Kepala Dinas Pekerjaan Umum dan Penataan Ruang", 15, 1.8, 0.0),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "dinas",
     "Kepala Dinas Perumahan dan Kawasan Permukiman", 15, 1.0, 0.0),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "satpol",
     "Kepala Satuan Polisi Pamong Praja", 15, 2.5, 0.0),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "dinas",
     "Kepala Dinas Komunikasi dan Informatika", 15, 1.0, 0.0),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "dinas",
     "Kepala Dinas Perindustrian dan Perdagangan", 15, 1.0, 0.0),
    ("DISKOPUKM", "Dinas Koperasi, Usaha Mikro, Kecil dan Menengah", "dinas",
     "Kepala Dinas Koperasi, Usaha Mikro, Kecil dan Menengah", 15, 0.8, 0.0),
    ("DISPORAPAR", "Dinas Kepemudaan, Olahraga dan Pariwisata", "dinas",
     "Kepala Dinas Kepemudaan, Olahraga dan Pariwisata", 15, 0.8, 0.0),
    ("DISTAN", "Dinas Pertanian", "dinas",
     "Kepala Dinas Pertanian", 15, 1.0, 0.0),
    ("DKP", "Dinas Ketahanan Pangan", "dinas",
     "Kepala Dinas Ketahanan Pangan", 15, 0.6, 0.0),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "dinas",
     "Kepala Dinas Perpustakaan dan Kearsipan", 15, 0.6, 0.0),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan",
     "Kepala Pelaksana Badan Penanggulangan Bencana Daerah", 14, 0.8, 0.0),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan",
     "Kepala Badan Kesatuan Bangsa dan Politik", 15, 0.6, 0.0),
    ("KEC-SRG", "Kecamatan Serang", "kecamatan",
     "Camat Serang", 12, 1.6, 0.55),
    ("KEC-CPJ", "Kecamatan Cipocok Jaya", "kecamatan",
     "Camat Cipocok Jaya", 12, 1.3, 0.55),
    ("KEC-CRG", "Kecamatan Curug", "kecamatan",
     "Camat Curug", 12, 1.3, 0.55),
    ("KEC-KSM", "Kecamatan Kasemen", "kecamatan",
     "Camat Kasemen", 12, 1.3, 0.55),
    ("KEC-TKT", "Kecamatan Taktakan", "kecamatan",
     "Camat Taktakan", 12, 1.4, 0.55),
    ("KEC-WLT", "Kecamatan Walantaka", "kecamatan",
     "Camat Walantaka", 12, 1.5, 0.55),
]

# predikat_organisasi and its probability (mostly Baik)
PREDIKAT_ORGANISASI: list[tuple[str, float]] = [
    ("Istimewa", 0.10), ("Baik", 0.70), ("Butuh Perbaikan", 0.12),
    ("Kurang", 0.06), ("Sangat Kurang", 0.02),
]

# Structural posts below the head, filled in this order from the OPD's office staff.
TANGGA_STRUKTURAL: dict[str, list[tuple[str, int]]] = {
    "setda": [
        ("Asisten Pemerintahan dan Kesejahteraan Rakyat", 15),
        ("Asisten Perekonomian dan Pembangunan", 15),
        ("Asisten Administrasi Umum", 15),
        ("Kepala Bagian Tata Pemerintahan", 12), ("Kepala Bagian Hukum", 12),
        ("Kepala Bagian Organisasi", 12), ("Kepala Bagian Umum", 12),
        ("Kepala Bagian Perekonomian dan Sumber Daya Alam", 12),
        ("Kepala Bagian Kesejahteraan Rakyat", 12),
        ("Kepala Bagian Pengadaan Barang dan Jasa", 12),
        ("Kepala Bagian Protokol dan Komunikasi Pimpinan", 12),
    ],
    "setwan": [
        ("Kepala Bagian Umum dan Keuangan", 12),
        ("Kepala Bagian Persidangan dan Perundang-undangan", 12),
        ("Kepala Bagian Fasilitasi Penganggaran dan Pengawasan", 12),
        ("Kepala Subbagian Tata Usaha dan Kepegawaian", 9),
    ],
    "inspektorat": [
        ("Sekretaris Inspektorat", 12),
        ("Inspektur Pembantu Wilayah I", 12), ("Inspektur Pembantu Wilayah II", 12),
        ("Inspektur Pembantu Wilayah III", 12), ("Inspektur Pembantu Khusus", 12),
        ("Kepala Subbagian Umum dan Kepegawaian", 9),
    ],
    "dinas": [
        ("Sekretaris Dinas", 12),
        ("Kepala Bidang Perencanaan dan Pengembangan", 11),
        ("Kepala Bidang Pelayanan", 11), ("Kepala Bidang Pembinaan dan Pengawasan", 11),
        ("Kepala Subbagian Umum dan Kepegawaian", 9),
        ("Kepala Subbagian Perencanaan dan Keuangan", 9),
    ],
    "badan": [
        ("Sekretaris Badan", 12),
        ("Kepala Bidang Perencanaan dan Evaluasi", 11), ("Kepala Bidang Pengelolaan", 11),
        ("Kepala Bidang Pengembangan", 11),
        ("Kepala Subbagian Umum dan Kepegawaian", 9),
        ("Kepala Subbagian Perencanaan dan Keuangan", 9),
    ],
    "rsud": [
        ("Kepala Bagian Tata Usaha", 12), ("Kepala Bidang Pelayanan Medik", 11),
        ("Kepala Bidang Keperawatan", 11), ("Kepala Bidang Penunjang", 11),
        ("Kepala Subbagian Keuangan", 9),
    ],
    "satpol": [
        ("Sekretaris Satuan", 12),
        ("Kepala Bidang Penegakan Peraturan Daerah", 11),
        ("Kepala Bidang Ketertiban Umum dan Ketenteraman Masyarakat", 11),
        ("Kepala Bidang Perlindungan Masyarakat", 11),
        ("Kepala Subbagian Umum dan Kepegawaian", 9),
    ],
    "kecamatan": [
        ("Sekretaris Kecamatan", 11), ("Kepala Seksi Pemerintahan", 9),
        ("Kepala Seksi Ketenteraman dan Ketertiban Umum", 9),
        ("Kepala Seksi Pemberdayaan Masyarakat", 9), ("Kepala Seksi Pelayanan Umum", 9),
        ("Kepala Subbagian Umum dan Kepegawaian", 9),
    ],
}

# Academic-title group of each structural level
GELAR_KEPALA: dict[str, str] = {
    "setda": "pimpinan", "setwan": "pimpinan", "inspektorat": "pimpinan", "dinas": "pimpinan",
    "badan": "pimpinan", "rsud": "pimpinan_kesehatan", "satpol": "pimpinan",
    "kecamatan": "pamong",
}
GELAR_KEPALA_OPD: dict[str, str] = {"DINKES": "pimpinan_kesehatan"}

# ---------------------------------------------------------------------------
# Unit layanan (service units)
# ---------------------------------------------------------------------------
KECAMATAN_SINGKAT: dict[str, str] = {
    "KEC-SRG": "SRG", "KEC-CPJ": "CPJ", "KEC-CRG": "CRG",
    "KEC-KSM": "KSM", "KEC-TKT": "TKT", "KEC-WLT": "WLT",
}

# The 66 kelurahan of Kota Serang by kecamatan
KELURAHAN: dict[str, list[str]] = {
    "KEC-SRG": ["Cimuncang", "Cipare", "Kagungan", "Kaligandu", "Kota Baru", "Lontarbaru",
                "Lopang", "Serang", "Sukawana", "Sumurpecung", "Terondol", "Unyur"],
    "KEC-CPJ": ["Banjar Agung", "Banjarsari", "Cipocok Jaya", "Dalung", "Gelam", "Karundang",
                "Panancangan", "Tembong"],
    "KEC-CRG": ["Cilaku", "Cipete", "Curug", "Curug Manis", "Kamanisan", "Pancalaksana",
                "Sukajaya", "Sukalaksana", "Sukawana", "Tinggar"],
    "KEC-KSM": ["Banten", "Bendung", "Kasemen", "Kasunyatan", "Kilasah", "Margaluyu",
                "Mesjid Priyayi", "Sawah Luhur", "Terumbu", "Warung Jaud"],
    "KEC-TKT": ["Cibendung", "Cilowong", "Drangong", "Kalang Anyar", "Kuranji", "Lialang",
                "Pancur", "Panggungjati", "Sayar", "Sepang", "Taktakan", "Umbul Tengah"],
    "KEC-WLT": ["Cigoong", "Kalodran", "Kapuren", "Kiara", "Lebakwangi", "Nyapah",
                "Pabuaran", "Pager Agung", "Pasuluhan", "Pengampelan", "Pipitan", "Tegalsari",
                "Teritih", "Walantaka"],
}

# The 16 UPTD Puskesmas of Dinas Kesehatan
PUSKESMAS: list[str] = [
    "Serang Kota", "Ciracas", "Singandaru", "Rau", "Kalodran", "Unyur", "Banten Girang",
    "Curug", "Kilasah", "Taktakan", "Kasemen", "Walantaka", "Cipocok Jaya", "Pancur",
    "Sawah Luhur", "Banjar Agung",
]

JUMLAH_SMP_NEGERI = 24
# SD Negeri per kelurahan cycle through this pattern (about 200 in all)
POLA_SD_PER_KELURAHAN: tuple[int, ...] = (3, 2, 4, 3, 3)

# Other service units: kode, nama, opd, tipe
UNIT_LAIN: list[tuple[str, str, str, str]] = [
    ("RSUD-IRJ", "Instalasi Rawat Jalan RSUD Kota Serang", "RSUD", "rsud"),
    ("RSUD-IRNA", "Instalasi Rawat Inap RSUD Kota Serang", "RSUD", "rsud"),
    ("RSUD-IGD", "Instalasi Gawat Darurat RSUD Kota Serang", "RSUD", "rsud"),
    ("DUKCAPIL-PLY", "Pelayanan Administrasi Kependudukan Disdukcapil", "DISDUKCAPIL", "dukcapil"),
    ("DPMPTSP-MPP", "Mal Pelayanan Publik Kota Serang", "DPMPTSP", "perizinan"),
]

# Per unit type: staff weight, work schedule, head position, head kelas, head title group
TIPE_UNIT: dict[str, tuple[float, str, str, int, str]] = {
    "sd": (1.0, "6HK", "Kepala Sekolah", 10, "kepala_sekolah"),
    "smp": (3.0, "6HK", "Kepala Sekolah", 11, "kepala_sekolah"),
    "puskesmas": (1.0, "6HK", "Kepala UPTD Puskesmas", 9, "pimpinan_kesehatan"),
    "rsud": (1.0, "5HK", "Kepala Instalasi", 9, "dokter_spesialis"),
    "kelurahan": (1.0, "5HK", "Lurah", 9, "pamong"),
    "dukcapil": (1.0, "5HK", "Kepala Bidang Pelayanan Pendaftaran Penduduk", 11, "sarjana"),
    "perizinan": (1.0, "5HK", "Kepala Bidang Pelayanan Perizinan dan Nonperizinan", 11,
                  "sarjana"),
}

# Which jabatan list the staff of a unit type draw from
KATEGORI_UNIT: dict[str, str] = {
    "sd": "sekolah", "smp": "sekolah", "puskesmas": "puskesmas", "rsud": "rsud",
    "kelurahan": "kelurahan", "dukcapil": "dukcapil", "perizinan": "perizinan",
}

# ---------------------------------------------------------------------------
# Jabatan (non-structural), by category
# ---------------------------------------------------------------------------
# kategori -> [(jabatan, kelas, weight PNS, weight PPPK, title group, P(female) or None)]
Jab = tuple[str, int, float, float, str, float | None]
JABATAN: dict[str, list[Jab]] = {
    "kantor": [
        ("Analis Kebijakan Ahli Muda", 9, 4, 0, "sarjana", None),
        ("Analis Kebijakan Ahli Pertama", 8, 4, 1, "sarjana", None),
        ("Perencana Ahli Pertama", 8, 3, 1, "sarjana", None),
        ("Analis Keuangan Pusat dan Daerah Ahli Pertama", 8, 3, 1, "sarjana", None),
        ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 8, 2, 1, "sarjana", None),
        ("Pengelola Pengadaan Barang/Jasa Ahli Pertama", 8, 1, 0, "sarjana", None),
        ("Pranata Komputer Ahli Pertama", 8, 2, 2, "sarjana", None),
        ("Pranata Komputer Terampil", 6, 1, 2, "pelaksana", None),
        ("Arsiparis Terampil", 6, 2, 2, "pelaksana", None),
        ("Penata Layanan Operasional", 7, 16, 6, "pelaksana", None),
        ("Pengelola Layanan Operasional", 6, 14, 10, "pelaksana", None),
        ("Operator Layanan Operasional", 5, 10, 22, "pelaksana", None),
        ("Pengadministrasi Perkantoran", 5, 8, 14, "pelaksana", None),
        ("Bendahara", 6, 2, 0, "pelaksana", None),
        ("Teknisi Sarana dan Prasarana", 4, 1, 2, "dasar", 0.05),
        ("Pengemudi", 3, 2, 4, "dasar", 0.02),
        ("Petugas Keamanan", 2, 1, 3, "dasar", 0.05),
        ("Pramu Bakti", 1, 1, 3, "dasar", 0.3),
    ],
    "sekolah": [
        ("Guru Ahli Pertama", 8, 22, 70, "guru", 0.68),
        ("Guru Ahli Muda", 9, 30, 6, "guru", 0.68),
        ("Guru Ahli Madya", 11, 22, 0, "guru", 0.62),
        ("Guru Bimbingan dan Konseling Ahli Pertama", 8, 3, 6, "guru", 0.7),
        ("Pengadministrasi Perkantoran", 5, 6, 6, "pelaksana", None),
        ("Operator Layanan Operasional", 5, 3, 8, "pelaksana", None),
        ("Pustakawan Terampil", 6, 2, 1, "pelaksana", 0.7),
        ("Pramu Bakti", 1, 2, 2, "dasar", 0.3),
        ("Penjaga Sekolah", 2, 2, 2, "dasar", 0.05),
    ],
    "puskesmas": [
        ("Perawat Terampil", 6, 14, 10, "perawat", 0.65),
        ("Perawat Ahli Pertama", 8, 8, 6, "perawat", 0.65),
        ("Bidan Terampil", 6, 14, 10, "bidan", 1.0),
        ("Bidan Ahli Pertama", 8, 5, 3, "bidan", 1.0),
        ("Dokter Ahli Pertama", 9, 6, 4, "dokter", 0.6),
        ("Dokter Ahli Muda", 11, 2, 0, "dokter", 0.6),
        ("Dokter Gigi Ahli Pertama", 9, 2, 1, "drg", 0.7),
        ("Apoteker Ahli Pertama", 8, 2, 2, "apoteker", 0.75),
        ("Asisten Apoteker Terampil", 6, 3, 2, "nakes", 0.75),
        ("Pranata Laboratorium Kesehatan Terampil", 6, 3, 2, "nakes", 0.7),
        ("Sanitarian Terampil", 6, 2, 2, "nakes", None),
        ("Nutrisionis Terampil", 6, 2, 2, "nakes", 0.85),
        ("Penyuluh Kesehatan Masyarakat Ahli Pertama", 8, 2, 1, "nakes", None),
        ("Epidemiolog Kesehatan Ahli Pertama", 8, 1, 1, "nakes", None),
        ("Perekam Medis Terampil", 6, 2, 3, "nakes", None),
        ("Pengadministrasi Perkantoran", 5, 4, 4, "pelaksana", None),
        ("Pengemudi Ambulans", 3, 1, 2, "dasar", 0.02),
    ],
    "rsud": [
        ("Dokter Ahli Madya", 12, 3, 0, "dokter_spesialis", 0.45),
        ("Dokter Ahli Muda", 11, 4, 1, "dokter_spesialis", 0.45),
        ("Dokter Ahli Pertama", 9, 5, 3, "dokter", 0.55),
        ("Perawat Terampil", 6, 20, 15, "perawat", 0.65),
        ("Perawat Ahli Pertama", 8, 10, 8, "perawat", 0.65),
        ("Perawat Ahli Muda", 9, 4, 0, "perawat", 0.65),
        ("Bidan Terampil", 6, 6, 4, "bidan", 1.0),
        ("Apoteker Ahli Pertama", 8, 2, 1, "apoteker", 0.75),
        ("Asisten Apoteker Terampil", 6, 3, 2, "nakes", 0.75),
        ("Radiografer Terampil", 6, 2, 1, "nakes", None),
        ("Fisioterapis Terampil", 6, 1, 1, "nakes", None),
        ("Pranata Laboratorium Kesehatan Terampil", 6, 3, 2, "nakes", 0.7),
        ("Perekam Medis Terampil", 6, 3, 3, "nakes", None),
        ("Nutrisionis Terampil", 6, 1, 1, "nakes", 0.85),
        ("Elektromedis Terampil", 6, 1, 1, "nakes", 0.2),
        ("Pengadministrasi Perkantoran", 5, 4, 4, "pelaksana", None),
        ("Pengemudi Ambulans", 3, 1, 1, "dasar", 0.02),
    ],
    "kelurahan": [
        ("Sekretaris Kelurahan", 8, 6, 0, "pamong", None),
        ("Kepala Seksi Pemerintahan dan Ketenteraman", 8, 5, 0, "sarjana", None),
        ("Kepala Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial", 8, 4, 0, "sarjana",
         None),
        ("Penata Layanan Operasional", 7, 8, 3, "pelaksana", None),
        ("Pengelola Layanan Operasional", 6, 8, 5, "pelaksana", None),
        ("Operator Layanan Operasional", 5, 6, 8, "pelaksana", None),
        ("Pengadministrasi Perkantoran", 5, 6, 6, "pelaksana", None),
        ("Pramu Bakti", 1, 1, 2, "dasar", 0.3),
    ],
    "dukcapil": [
        ("Administrator Database Kependudukan Ahli Pertama", 8, 4, 1, "sarjana", None),
        ("Administrator Database Kependudukan Terampil", 6, 5, 3, "pelaksana", None),
        ("Pranata Komputer Terampil", 6, 2, 2, "pelaksana", None),
        ("Pengelola Layanan Operasional", 6, 6, 6, "pelaksana", None),
        ("Operator Layanan Operasional", 5, 6, 10, "pelaksana", None),
    ],
    "perizinan": [
        ("Penata Perizinan Ahli Muda", 9, 2, 0, "sarjana", None),
        ("Penata Perizinan Ahli Pertama", 8, 4, 1, "sarjana", None),
        ("Pengelola Layanan Operasional", 6, 6, 6, "pelaksana", None),
        ("Operator Layanan Operasional", 5, 6, 10, "pelaksana", None),
    ],
}

# Functional positions specific to an OPD: share of its office staff, then the list
# [(jabatan, kelas, weight PNS, weight PPPK, title group, P(female) or None)].
FUNGSIONAL_OPD: dict[str, tuple[float, list[Jab]]] = {
    "SETDA": (0.3, [
        ("Analis Hukum Ahli Pertama", 8, 3, 1, "sarjana", None),
        ("Perancang Peraturan Perundang-undangan Ahli Pertama", 8, 2, 0, "sarjana", None),
        ("Pranata Hubungan Masyarakat Ahli Pertama", 8, 2, 1, "sarjana", None),
        ("Pengelola Pengadaan Barang/Jasa Ahli Muda", 9, 2, 0, "sarjana", None),
    ]),
    "SETWAN": (0.3, [
        ("Perancang Peraturan Perundang-undangan Ahli Pertama", 8, 2, 0, "sarjana", None),
        ("Pranata Hubungan Masyarakat Ahli Pertama", 8, 2, 1, "sarjana", None),
    ]),
    "INSPEKTORAT": (0.6, [
        ("Auditor Ahli Pertama", 8, 5, 1, "sarjana", None),
        ("Auditor Ahli Muda", 9, 4, 0, "sarjana", None),
        ("Auditor Ahli Madya", 11, 2, 0, "sarjana", None),
        ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama", 8, 3, 0,
         "sarjana", None),
        ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda", 9, 2, 0,
         "sarjana", None),
    ]),
    "BAPPEDA": (0.5, [
        ("Perencana Ahli Pertama", 8, 4, 1, "sarjana", None),
        ("Perencana Ahli Muda", 9, 3, 0, "sarjana", None),
        ("Perencana Ahli Madya", 11, 1, 0, "sarjana", None),
        ("Statistisi Ahli Pertama", 8, 1, 1, "sarjana", None),
    ]),
    "BPKAD": (0.4, [
        ("Analis Keuangan Pusat dan Daerah Ahli Muda", 9, 3, 0, "sarjana", None),
        ("Analis Keuangan Pusat dan Daerah Ahli Pertama", 8, 4, 1, "sarjana", None),
        ("Pengelola Barang Milik Daerah", 7, 3, 1, "pelaksana", None),
    ]),
    "BAPENDA": (0.4, [
        ("Analis Pajak dan Retribusi Daerah", 8, 4, 1, "sarjana", None),
        ("Juru Sita Pajak Daerah", 6, 2, 0, "pelaksana", 0.2),
        ("Pemeriksa Pajak Daerah", 8, 2, 0, "sarjana", None),
    ]),
    "BKPSDM": (0.5, [
        ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 8, 4, 1, "sarjana", None),
        ("Analis Sumber Daya Manusia Aparatur Ahli Muda", 9, 3, 0, "sarjana", None),
        ("Asesor Sumber Daya Manusia Aparatur Ahli Pertama", 8, 1, 0, "sarjana", None),
    ]),
    "DISDIKBUD": (0.4, [
        ("Pengawas Sekolah Ahli Madya", 11, 3, 0, "kepala_sekolah", None),
        ("Penilik Ahli Pertama", 8, 2, 0, "guru", None),
        ("Pamong Belajar Ahli Pertama", 8, 1, 1, "guru", None),
        ("Pamong Budaya Ahli Pertama", 8, 1, 1, "sarjana", None),
    ]),
    "DINKES": (0.4, [
        ("Epidemiolog Kesehatan Ahli Muda", 9, 2, 0, "nakes", None),
        ("Administrator Kesehatan Ahli Pertama", 8, 3, 1, "nakes", None),
        ("Tenaga Sanitasi Lingkungan Ahli Pertama", 8, 2, 1, "nakes", None),
    ]),
    "DP3AKB": (0.5, [
        ("Penyuluh Keluarga Berencana Ahli Pertama", 8, 4, 2, "sarjana", 0.7),
        ("Penyuluh Keluarga Berencana Ahli Muda", 9, 2, 0, "sarjana", 0.7),
    ]),
    "DINSOS": (0.5, [
        ("Pekerja Sosial Ahli Pertama", 8, 3, 1, "sarjana", 0.6),
        ("Pekerja Sosial Terampil", 6, 2, 1, "pelaksana", 0.6),
        ("Penyuluh Sosial Ahli Pertama", 8, 2, 1, "sarjana", None),
    ]),
    "DISHUB": (0.5, [
        ("Penguji Kendaraan Bermotor Terampil", 6, 4, 1, "pelaksana", 0.1),
        ("Penguji Kendaraan Bermotor Ahli Pertama", 8, 2, 0, "sarjana", 0.1),
        ("Analis Lalu Lintas dan Angkutan Jalan", 8, 2, 1, "sarjana", 0.2),
    ]),
    "DLH": (0.4, [
        ("Pengendali Dampak Lingkungan Ahli Pertama", 8, 3, 1, "sarjana", None),
        ("Pengawas Lingkungan Hidup Ahli Pertama", 8, 2, 0, "sarjana", None),
        ("Pengemudi", 3, 3, 3, "dasar", 0.0),
    ]),
    "DPUPR": (0.5, [
        ("Teknik Jalan dan Jembatan Ahli Pertama", 8, 3, 1, "sarjana", 0.2),
        ("Teknik Pengairan Ahli Pertama", 8, 2, 1, "sarjana", 0.2),
        ("Penata Ruang Ahli Pertama", 8, 2, 1, "sarjana", None),
    ]),
    "DISPERKIM": (0.4, [
        ("Teknik Tata Bangunan dan Perumahan Ahli Pertama", 8, 3, 1, "sarjana", 0.3),
    ]),
    "SATPOLPP": (0.75, [
        ("Polisi Pamong Praja Terampil", 6, 8, 4, "satpol", 0.2),
        ("Polisi Pamong Praja Mahir", 7, 4, 0, "satpol", 0.2),
        ("Polisi Pamong Praja Ahli Pertama", 8, 2, 0, "satpol", 0.2),
    ]),
    "DISKOMINFO": (0.5, [
        ("Pranata Komputer Ahli Pertama", 8, 3, 2, "sarjana", None),
        ("Pranata Komputer Ahli Muda", 9, 2, 0, "sarjana", None),
        ("Pranata Hubungan Masyarakat Ahli Pertama", 8, 2, 1, "sarjana", None),
        ("Statistisi Ahli Pertama", 8, 1, 1, "sarjana", None),
        ("Sandiman Ahli Pertama", 8, 1, 0, "sarjana", None),
    ]),
    "DISPERINDAG": (0.4, [
        ("Penera Terampil", 6, 2, 1, "pelaksana", None),
        ("Pengawas Perdagangan Ahli Pertama", 8, 2, 1, "sarjana", None),
    ]),
    "DISKOPUKM": (0.4, [("Pengawas Koperasi Ahli Pertama", 8, 3, 1, "sarjana", None)]),
    "DISPORAPAR": (0.4, [
        ("Adyatama Kepariwisataan dan Ekonomi Kreatif Ahli Pertama", 8, 3, 1, "sarjana", None),
    ]),
    "DISTAN": (0.6, [
        ("Penyuluh Pertanian Ahli Pertama", 8, 3, 2, "sarjana", None),
        ("Penyuluh Pertanian Terampil", 6, 3, 3, "pelaksana", None),
        ("Medik Veteriner Ahli Pertama", 9, 1, 0, "sarjana", None),
        ("Paramedik Veteriner Terampil", 6, 1, 1, "pelaksana", None),
    ]),
    "DKP": (0.4, [("Analis Ketahanan Pangan Ahli Pertama", 8, 3, 1, "sarjana", None)]),
    "DISPUSIP": (0.6, [
        ("Pustakawan Ahli Pertama", 8, 3, 1, "sarjana", 0.7),
        ("Pustakawan Terampil", 6, 3, 2, "pelaksana", 0.7),
        ("Arsiparis Ahli Pertama", 8, 2, 1, "sarjana", None),
    ]),
    "BPBD": (0.4, [("Analis Kebencanaan Ahli Pertama", 8, 3, 1, "sarjana", 0.2)]),
}

# Share of PPPK by category (the rest PNS); heads and structural posts are always PNS
PORSI_PPPK: dict[str, float] = {
    "sekolah": 0.38, "puskesmas": 0.28, "rsud": 0.30, "kelurahan": 0.12, "dukcapil": 0.15,
    "perizinan": 0.15, "kantor": 0.12,
}
# Default share of women by category, when a jabatan has no own value
PORSI_PEREMPUAN: dict[str, float] = {
    "sekolah": 0.65, "puskesmas": 0.65, "rsud": 0.62, "kelurahan": 0.45, "dukcapil": 0.55,
    "perizinan": 0.5, "kantor": 0.45, "struktural": 0.3,
}

GOLONGAN_PNS: list[str] = [
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
]
GOLONGAN_PPPK: list[str] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
    "XIV", "XV", "XVI", "XVII",
]

# Perwal-style TPP scale by kelas (only used to derive individual pagu_tpp overrides)
TARIF_KELAS: dict[int, int] = {
    1: 1_500_000, 2: 1_750_000, 3: 2_000_000, 4: 2_300_000, 5: 2_600_000, 6: 3_000_000,
    7: 3_500_000, 8: 4_000_000, 9: 4_700_000, 10: 5_500_000, 11: 6_500_000, 12: 8_000_000,
    13: 10_000_000, 14: 13_000_000, 15: 17_000_000, 16: 20_000_000, 17: 23_500_000,
}

# ---------------------------------------------------------------------------
# Names (Bantenese/Sundanese, Javanese, Muslim, and a Christian minority)
# ---------------------------------------------------------------------------
NAMA_DEPAN_LAKI: list[str] = [
    "Asep", "Ujang", "Dadan", "Cecep", "Dede", "Ade", "Iwan", "Agus", "Deden", "Dedi",
    "Hendra", "Rudi", "Yayan", "Encep", "Jaja", "Mamat", "Oman", "Usep", "Wawan", "Yusuf",
    "Ahmad", "Aan", "Budi", "Joko", "Slamet", "Bambang", "Eko", "Wahyu", "Teguh", "Heru",
    "Hadi", "Bayu", "Rizki", "Fajar", "Fikri", "Ilham", "Arif", "Andi", "Rahmat", "Firman",
    "Hasan", "Husen", "Ridwan", "Syaiful", "Imam", "Lukman", "Nanang", "Saepul", "Endang",
    "Entis", "Engkos", "Odih", "Rohmat", "Sahroni", "Samsul", "Taufik", "Yudi", "Zaenal",
    "Jajang", "Komar", "Nurdin", "Sarip", "Marwan", "Subhan", "Furqon", "Ikhsan", "Irfan",
    "Dimas", "Galih", "Reza", "Yogi", "Aceng", "Ending", "Uci", "Tatang", "Didin",
]
NAMA_BELAKANG_LAKI: list[str] = [
    "Saepudin", "Sopian", "Hidayat", "Rohman", "Mulyana", "Sunandar", "Suryana", "Permana",
    "Kurniawan", "Setiawan", "Nurjaman", "Jaelani", "Syarifudin", "Fauzi", "Maulana",
    "Hermawan", "Gunawan", "Saputra", "Pratama", "Nugraha", "Ramdani", "Sudrajat",
    "Supriatna", "Hamdani", "Khaerudin", "Mulyadi", "Rosadi", "Ruhiyat", "Haerudin",
    "Sahrudin", "Wahyudi", "Susanto", "Prasetyo", "Santoso", "Purnomo", "Hidayatullah",
    "Firmansyah", "Hakim", "Rahman", "Munawar", "Aripin", "Sobari", "Suherman", "Kusnadi",
    "Hasanudin", "Jamaludin", "Zulkarnaen", "Abdullah", "Safei", "Ma'mun", "Baehaki",
]
NAMA_DEPAN_PEREMPUAN: list[str] = [
    "Siti", "Eneng", "Euis", "Neng", "Nenden", "Nur", "Nurul", "Rina", "Rini", "Dewi", "Sri",
    "Tuti", "Yuyun", "Yanti", "Ani", "Ika", "Lilis", "Imas", "Iis", "Enok", "Cucu", "Eti",
    "Ratna", "Fitri", "Ayu", "Dian", "Lina", "Mia", "Nia", "Desi", "Evi", "Hani", "Intan",
    "Lia", "Maya", "Novi", "Putri", "Rika", "Sari", "Tika", "Umi", "Wulan", "Yulia",
    "Fatimah", "Aisyah", "Khodijah", "Zahra", "Aminah", "Endah", "Erna", "Ida", "Uun",
    "Popon", "Titin", "Nining", "Dwi", "Tri", "Wiwin", "Yeni", "Rani", "Astri",
]
NAMA_BELAKANG_PEREMPUAN: list[str] = [
    "Nurhasanah", "Yulianti", "Hidayah", "Rahmawati", "Kurniasih", "Nuraeni", "Marlina",
    "Susanti", "Handayani", "Lestari", "Wulandari", "Fitriani", "Maryati", "Suryani",
    "Rosita", "Agustina", "Komalasari", "Nurjanah", "Sopiah", "Maesaroh", "Rohayati",
    "Hasanah", "Mulyani", "Sulastri", "Setiawati", "Purwanti", "Anggraeni", "Puspitasari",
    "Permatasari", "Oktaviani", "Apriyani", "Safitri", "Amelia", "Febriyanti",
    "Khoerunnisa", "Zakiyah", "Mardiyah", "Rukmini", "Jubaedah", "Haryati", "Nurlaela",
]
# Javanese-style single names
NAMA_TUNGGAL_LAKI: list[str] = [
    "Suparman", "Sugiyanto", "Sutrisno", "Supardi", "Sumarno", "Suwarno", "Sukirman",
    "Mulyono", "Sarmadi", "Karsono", "Rasmadi", "Jumadi",
]
NAMA_TUNGGAL_PEREMPUAN: list[str] = [
    "Sumiati", "Suharti", "Sulastri", "Rusmini", "Karsinah", "Warsih", "Sumarni", "Juariah",
]
# Islamic first-name prefixes for men
AWALAN_LAKI: list[str] = ["Muhammad", "Ahmad", "Moch.", "Mohamad", "Abdul", "Muhamad"]
# Christian names and family names
NAMA_DEPAN_LAKI_NASRANI: list[str] = [
    "Yohanes", "Stefanus", "Fransiskus", "Daniel", "Yosua", "Hendrik", "Albertus", "Robert",
    "Markus", "Paulus", "Benny", "Michael",
]
NAMA_DEPAN_PEREMPUAN_NASRANI: list[str] = [
    "Maria", "Theresia", "Christina", "Yohana", "Agustina", "Elisabeth", "Veronika",
    "Debora", "Grace", "Monika", "Lusiana",
]
MARGA: list[str] = [
    "Simanjuntak", "Siregar", "Nainggolan", "Hutapea", "Sitompul", "Manurung",
    "Pangaribuan", "Tambunan", "Lumbantobing", "Sinaga", "Wenas", "Rumondor", "Wijaya",
    "Halim", "Tanjaya",
]

# Academic/professional titles per group: (prefix, suffix, weight)
GELAR: dict[str, list[tuple[str, str, float]]] = {
    "dasar": [("", "", 1)],
    "pelaksana": [("", "", 50), ("", ", A.Md.", 20), ("", ", S.E.", 10), ("", ", S.Sos.", 8),
                  ("", ", S.Kom.", 6), ("", ", S.H.", 6)],
    "sarjana": [("", ", S.E.", 18), ("", ", S.H.", 12), ("", ", S.Sos.", 12), ("", ", S.IP.", 8),
                ("", ", S.Kom.", 10), ("", ", S.T.", 10), ("", ", S.AP.", 8), ("", ", S.Ak.", 6),
                ("", ", S.E., M.Si.", 4), ("", ", S.Sos., M.Si.", 4), ("", ", S.H., M.H.", 3),
                ("", ", S.T., M.T.", 3)],
    "guru": [("", ", S.Pd.", 60), ("", ", S.Pd., M.Pd.", 12), ("", ", S.Pd.I.", 8),
             ("", ", S.Ag.", 3), ("", ", S.Si.", 3), ("", "", 6)],
    "kepala_sekolah": [("", ", S.Pd., M.Pd.", 55), ("", ", S.Pd.", 35),
                       ("Dr. ", ", S.Pd., M.Pd.", 3), ("", ", S.Pd.I., M.Pd.I.", 7)],
    "perawat": [("Ns. ", ", S.Kep.", 40), ("", ", A.Md.Kep.", 45), ("", ", S.Kep.", 5),
                ("", "", 10)],
    "bidan": [("", ", A.Md.Keb.", 55), ("", ", S.Tr.Keb.", 20), ("", ", S.Keb., Bd.", 10),
              ("", "", 15)],
    "dokter": [("dr. ", "", 60), ("dr. ", ", M.Kes.", 25), ("dr. ", ", M.K.M.", 15)],
    "dokter_spesialis": [("dr. ", ", Sp.PD", 2), ("dr. ", ", Sp.A", 2), ("dr. ", ", Sp.OG", 2),
                         ("dr. ", ", Sp.B", 1), ("dr. ", ", Sp.An", 1), ("dr. ", ", Sp.Rad", 1),
                         ("dr. ", ", Sp.P", 1), ("dr. ", ", Sp.N", 1)],
    "drg": [("drg. ", "", 80), ("drg. ", ", M.Kes.", 20)],
    "apoteker": [("apt. ", ", S.Farm.", 85), ("apt. ", ", S.Farm., M.Farm.", 15)],
    "nakes": [("", ", A.Md.Kes.", 35), ("", ", S.KM.", 25), ("", ", A.Md.Farm.", 10),
              ("", ", S.Gz.", 8), ("", ", A.Md.AK.", 10), ("", "", 12)],
    "satpol": [("", "", 55), ("", ", S.H.", 15), ("", ", A.Md.", 10), ("", ", S.Sos.", 20)],
    "pimpinan": [("", ", S.E., M.Si.", 15), ("", ", S.Sos., M.Si.", 15), ("", ", S.H., M.H.", 12),
                 ("", ", S.T., M.T.", 10), ("", ", S.IP., M.Si.", 10), ("", ", S.Pd., M.Pd.", 8),
                 ("", ", S.E., M.M.", 12), ("", ", S.Kom., M.Kom.", 5),
                 ("", ", S.STP., M.Si.", 8), ("Dr. ", ", S.Sos., M.Si.", 5)],
    "pimpinan_kesehatan": [("dr. ", ", M.K.M.", 40), ("dr. ", ", M.Kes.", 40), ("dr. ", "", 20)],
    "pamong": [("", ", S.STP., M.Si.", 35), ("", ", S.STP.", 20), ("", ", S.IP., M.Si.", 20),
               ("", ", S.Sos., M.Si.", 15), ("", ", S.H.", 10)],
}

# ---------------------------------------------------------------------------
# Performance indicators (target_kinerja)
# ---------------------------------------------------------------------------
# kelompok -> [(indikator, satuan, arah, target min, target max, step, decimals)]
Ind = tuple[str, str, str, float, float, float, int]
INDIKATOR: dict[str, list[Ind]] = {
    "umum": [
        ("Jumlah laporan kinerja bulanan yang disusun", "dokumen", "naik", 1, 4, 1, 0),
        ("Persentase disposisi pimpinan yang ditindaklanjuti", "persen", "naik", 80, 100, 5, 2),
        ("Jumlah kegiatan koordinasi yang diikuti", "kegiatan", "naik", 2, 8, 1, 0),
        ("Waktu penyelesaian surat masuk", "hari", "turun", 2, 5, 1, 0),
        ("Jumlah dokumen administrasi yang diselesaikan", "dokumen", "naik", 10, 60, 5, 0),
        ("Persentase ketepatan waktu pelaporan", "persen", "naik", 90, 100, 5, 2),
    ],
    "kantor": [
        ("Jumlah kegiatan lapangan yang dilaksanakan", "kegiatan", "naik", 2, 10, 1, 0),
        ("Jumlah data yang diverifikasi", "dokumen", "naik", 20, 100, 10, 0),
        ("Jumlah keluhan pengguna layanan", "orang", "turun", 1, 5, 1, 0),
        ("Waktu penyusunan telaahan staf", "hari", "turun", 3, 7, 1, 0),
    ],
    "sekolah": [
        ("Jumlah pertemuan pembelajaran yang dilaksanakan", "kegiatan", "naik", 16, 24, 1, 0),
        ("Jumlah modul ajar yang disusun", "dokumen", "naik", 2, 6, 1, 0),
        ("Persentase peserta didik yang mencapai KKTP", "persen", "naik", 75, 90, 5, 2),
        ("Jumlah peserta didik yang dibimbing", "orang", "naik", 20, 40, 1, 0),
        ("Jumlah hasil penilaian harian yang dilaporkan", "dokumen", "naik", 2, 6, 1, 0),
        ("Waktu pengembalian hasil penilaian kepada peserta didik", "hari", "turun", 3, 7, 1, 0),
    ],
    "kesehatan": [
        ("Jumlah pasien yang dilayani", "orang", "naik", 150, 600, 10, 0),
        ("Persentase cakupan imunisasi dasar lengkap", "persen", "naik", 85, 95, 5, 2),
        ("Jumlah kunjungan posyandu dan rumah yang dilaksanakan", "kegiatan", "naik", 4, 12, 1, 0),
        ("Jumlah keluhan pasien atas pelayanan", "orang", "turun", 2, 5, 1, 0),
        ("Waktu penyelesaian rekam medis", "hari", "turun", 1, 3, 1, 0),
        ("Persentase ibu hamil yang mendapat pelayanan antenatal", "persen", "naik", 85, 100, 5, 2),
    ],
    "kewilayahan": [
        ("Jumlah surat pengantar dan keterangan yang diterbitkan", "dokumen", "naik", 40, 200, 10, 0),
        ("Waktu penyelesaian layanan administrasi warga", "hari", "turun", 1, 3, 1, 0),
        ("Jumlah keluhan warga atas layanan", "orang", "turun", 2, 6, 1, 0),
        ("Jumlah kegiatan pemberdayaan masyarakat yang difasilitasi", "kegiatan", "naik", 2, 6, 1, 0),
        ("Jumlah warga yang dilayani", "orang", "naik", 100, 400, 10, 0),
    ],
    "layanan": [
        ("Jumlah dokumen pelayanan yang diterbitkan", "dokumen", "naik", 200, 1500, 50, 0),
        ("Waktu penyelesaian penerbitan dokumen", "hari", "turun", 1, 5, 1, 0),
        ("Jumlah pemohon yang dilayani", "orang", "naik", 150, 900, 50, 0),
        ("Jumlah pengaduan atas layanan", "orang", "turun", 2, 8, 1, 0),
        ("Persentase permohonan selesai tepat waktu", "persen", "naik", 90, 100, 5, 2),
    ],
    "pimpinan": [
        ("Persentase capaian indikator kinerja perangkat daerah", "persen", "naik", 85, 100, 5, 2),
        ("Persentase realisasi anggaran", "persen", "naik", 80, 95, 5, 2),
        ("Jumlah rapat evaluasi kinerja yang dipimpin", "kegiatan", "naik", 2, 4, 1, 0),
        ("Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti", "persen", "naik", 80,
         100, 5, 2),
    ],
}
# Which indicator group (besides "umum") each jabatan category draws from
KELOMPOK_INDIKATOR: dict[str, str] = {
    "sekolah": "sekolah", "puskesmas": "kesehatan", "rsud": "kesehatan",
    "kelurahan": "kewilayahan", "dukcapil": "layanan", "perizinan": "layanan",
    "kantor": "kantor", "struktural": "pimpinan",
}

# ---------------------------------------------------------------------------
# Innovations
# ---------------------------------------------------------------------------
JUDUL_INOVASI: list[str] = [
    "SIPANDU: Sistem Informasi Pelayanan Terpadu Kelurahan",
    "Jemput Bola Perekaman KTP-el bagi Lansia dan Disabilitas",
    "GERCEP: Gerakan Cepat Tanggap Pengaduan Masyarakat",
    "Si-CANTIK: Sistem Cek Antrean Poli Puskesmas",
    "Posbindu PTM Keliling Berbasis Kelurahan",
    "Kelas Ibu Hamil Daring",
    "E-Rapor Terintegrasi SD Negeri",
    "Gerakan Literasi Pagi 15 Menit",
    "Bank Sampah Sekolah Adiwiyata",
    "SIDAK PAJAK: Pendataan Wajib Pajak Restoran Berbasis Peta",
    "E-SPPT PBB Kota Serang",
    "Izin Usaha Mikro Satu Hari",
    "Dasbor Kinerja Perangkat Daerah",
    "Presensi Apel Berbasis Kode QR",
    "Siaga Bencana Berbasis WhatsApp",
    "Patroli Ketertiban Terjadwal Berbasis Peta Digital",
    "Gerakan Serang Bersih Sampah",
    "Pojok Baca Kelurahan",
    "Layanan Akta Kelahiran Langsung dari Puskesmas",
    "SAKTI: Satu Aplikasi Kepegawaian Terintegrasi",
    "Telemedisin Puskesmas untuk Pasien Hipertensi",
    "Kampung Keluarga Berkualitas Digital",
    "Pasar Tani Online Kota Serang",
    "Sekolah Ramah Anak Tanpa Perundungan",
    "Pelacakan Kasus TBC Berbasis Kader",
    "Sistem Informasi Aset Daerah Terpadu",
    "Rumah Singgah Pasien Rujukan",
    "Edukasi Gizi Balita Stunting Berbasis Posyandu",
    "Pengaduan Parkir Liar Daring",
    "Tilik Banten Lama: Wisata Sejarah Digital",
    "Pelatihan UMKM Kemasan Produk Sate Bandeng",
    "Arsip Digital Kecamatan",
]
TINGKAT_INOVASI: list[tuple[str, float]] = [
    ("opd", 0.50), ("kota", 0.30), ("provinsi", 0.15), ("nasional", 0.05),
]

# ---------------------------------------------------------------------------
# Leave (izin)
# ---------------------------------------------------------------------------
# jenis -> (P(a record) per ASN per month, [(working days, weight)]) for short leave;
# long-running leave (maternity, long leave, unpaid leave, study) has its own date logic.
IZIN_PENDEK: dict[str, tuple[float, list[tuple[int, float]]]] = {
    "dinas_luar": (0.20, [(1, 50), (2, 25), (3, 20), (5, 5)]),
    "cuti_tahunan": (0.10, [(1, 30), (2, 20), (3, 20), (4, 10), (5, 10), (6, 5), (10, 5)]),
    "izin": (0.12, [(1, 85), (2, 15)]),
    "cuti_sakit": (0.04, [(1, 30), (2, 25), (3, 20), (5, 10), (7, 10), (14, 5)]),
    "cuti_alasan_penting": (0.015, [(1, 25), (2, 25), (3, 25), (4, 15), (5, 10)]),
}
IZIN_PANJANG: dict[str, float] = {
    "cuti_melahirkan": 0.006,  # of women under 45
    "cuti_besar": 0.002,
    "cltn": 0.001,
    "tugas_belajar": 0.002,
}
# Short leave that sometimes started before the period
PORSI_MULAI_SEBELUM = 0.08
# Issuer of the leave document: BKPSDM for cuti, the agency itself otherwise
KODE_SURAT_IZIN: dict[str, str] = {"dinas_luar": "094", "izin": "800"}

# Mandatory ceremonies on fixed dates (month, day, name); Monday apel pagi comes on top
UPACARA: list[tuple[int, int, str]] = [
    (5, 2, "Hari Pendidikan Nasional"), (5, 20, "Hari Kebangkitan Nasional"),
    (8, 10, "HUT Kota Serang"), (8, 17, "HUT Kemerdekaan RI"),
    (10, 1, "Hari Kesaktian Pancasila"), (10, 4, "HUT Provinsi Banten"),
    (10, 28, "Hari Sumpah Pemuda"), (11, 10, "Hari Pahlawan"),
]
TANGGAL_HKN = 17  # Hari Kesadaran Nasional: upacara on the 17th of every month
