"""Reference tables of the synthetic generator: real Indonesian names (every entry built
from them is fictional), participant kinds, themes, and the generator's limits."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

#: Provinces: id (the customary abbreviation used by the bundled rulesets), name, a
#: weight for how many regional entries come from it (Central Java leads, as it does in
#: the national KIPP), and some of its regencies (kabupaten) and cities (kota).
PROVINCES: Final[tuple[tuple[str, str, int, tuple[str, ...], tuple[str, ...]], ...]] = (
    ("aceh", "Aceh", 2, ("Aceh Besar", "Aceh Utara", "Pidie", "Bireuen", "Aceh Tengah"), ("Banda Aceh", "Lhokseumawe")),
    ("sumut", "Sumatera Utara", 4, ("Deli Serdang", "Langkat", "Simalungun", "Karo", "Tapanuli Utara", "Serdang Bedagai", "Asahan", "Batu Bara"), ("Medan", "Pematangsiantar", "Binjai", "Tebing Tinggi")),
    ("sumbar", "Sumatera Barat", 3, ("Agam", "Tanah Datar", "Padang Pariaman", "Pesisir Selatan", "Lima Puluh Kota"), ("Padang", "Bukittinggi", "Payakumbuh", "Padang Panjang")),
    ("riau", "Riau", 2, ("Siak", "Kampar", "Bengkalis", "Indragiri Hilir", "Pelalawan"), ("Pekanbaru", "Dumai")),
    ("jambi", "Jambi", 1, ("Muaro Jambi", "Batang Hari", "Kerinci", "Tanjung Jabung Barat"), ("Jambi", "Sungai Penuh")),
    ("sumsel", "Sumatera Selatan", 2, ("Musi Banyuasin", "Ogan Komering Ilir", "Banyuasin", "Muara Enim", "Lahat"), ("Palembang", "Prabumulih", "Lubuklinggau")),
    ("bengkulu", "Bengkulu", 1, ("Bengkulu Utara", "Rejang Lebong", "Seluma"), ("Bengkulu",)),
    ("lampung", "Lampung", 2, ("Lampung Selatan", "Lampung Tengah", "Pringsewu", "Tulang Bawang", "Lampung Timur"), ("Bandar Lampung", "Metro")),
    ("babel", "Kepulauan Bangka Belitung", 1, ("Bangka", "Belitung", "Bangka Barat"), ("Pangkalpinang",)),
    ("kepri", "Kepulauan Riau", 1, ("Bintan", "Karimun", "Natuna"), ("Batam", "Tanjungpinang")),
    ("dki", "DKI Jakarta", 2, (), ()),
    ("jabar", "Jawa Barat", 9, ("Bandung", "Bogor", "Bekasi", "Sumedang", "Purwakarta", "Garut", "Tasikmalaya", "Cirebon", "Indramayu", "Kuningan", "Majalengka", "Sukabumi", "Subang", "Karawang"), ("Bandung", "Bogor", "Bekasi", "Depok", "Cimahi", "Sukabumi", "Cirebon", "Tasikmalaya", "Banjar")),
    ("jateng", "Jawa Tengah", 25, ("Banyumas", "Batang", "Blora", "Boyolali", "Brebes", "Cilacap", "Demak", "Grobogan", "Jepara", "Karanganyar", "Kebumen", "Kendal", "Klaten", "Kudus", "Magelang", "Pati", "Pekalongan", "Pemalang", "Purbalingga", "Purworejo", "Rembang", "Semarang", "Sragen", "Sukoharjo", "Tegal", "Temanggung", "Wonogiri", "Wonosobo"), ("Semarang", "Surakarta", "Salatiga", "Magelang", "Pekalongan", "Tegal")),
    ("diy", "DI Yogyakarta", 4, ("Sleman", "Bantul", "Kulon Progo", "Gunungkidul"), ("Yogyakarta",)),
    ("jatim", "Jawa Timur", 14, ("Banyuwangi", "Bojonegoro", "Gresik", "Jember", "Jombang", "Lamongan", "Lumajang", "Madiun", "Magetan", "Malang", "Mojokerto", "Nganjuk", "Ngawi", "Pasuruan", "Ponorogo", "Probolinggo", "Sidoarjo", "Situbondo", "Trenggalek", "Tuban", "Tulungagung", "Bondowoso", "Blitar", "Kediri", "Pacitan", "Sumenep", "Pamekasan", "Bangkalan", "Sampang"), ("Surabaya", "Malang", "Batu", "Madiun", "Kediri", "Blitar", "Mojokerto", "Pasuruan", "Probolinggo")),
    ("banten", "Banten", 3, ("Tangerang", "Serang", "Pandeglang", "Lebak"), ("Tangerang", "Tangerang Selatan", "Serang", "Cilegon")),
    ("bali", "Bali", 4, ("Badung", "Gianyar", "Tabanan", "Buleleng", "Karangasem", "Jembrana", "Klungkung", "Bangli"), ("Denpasar",)),
    ("ntb", "Nusa Tenggara Barat", 2, ("Lombok Barat", "Lombok Timur", "Lombok Tengah", "Sumbawa", "Bima"), ("Mataram", "Bima")),
    ("ntt", "Nusa Tenggara Timur", 2, ("Kupang", "Sikka", "Ende", "Manggarai", "Sumba Timur", "Flores Timur", "Belu", "Timor Tengah Selatan"), ("Kupang",)),
    ("kalbar", "Kalimantan Barat", 2, ("Sambas", "Mempawah", "Ketapang", "Kubu Raya", "Sanggau", "Sintang", "Kapuas Hulu"), ("Pontianak", "Singkawang")),
    ("kalteng", "Kalimantan Tengah", 1, ("Kotawaringin Barat", "Kotawaringin Timur", "Kapuas", "Barito Utara"), ("Palangka Raya",)),
    ("kalsel", "Kalimantan Selatan", 2, ("Banjar", "Tanah Laut", "Tabalong", "Hulu Sungai Selatan", "Tanah Bumbu"), ("Banjarmasin", "Banjarbaru")),
    ("kaltim", "Kalimantan Timur", 2, ("Kutai Kartanegara", "Berau", "Paser", "Kutai Timur"), ("Samarinda", "Balikpapan", "Bontang")),
    ("kaltara", "Kalimantan Utara", 1, ("Bulungan", "Nunukan", "Malinau"), ("Tarakan",)),
    ("sulut", "Sulawesi Utara", 1, ("Minahasa", "Minahasa Utara", "Bolaang Mongondow"), ("Manado", "Bitung", "Tomohon")),
    ("sulteng", "Sulawesi Tengah", 1, ("Banggai", "Poso", "Donggala", "Sigi"), ("Palu",)),
    ("sulsel", "Sulawesi Selatan", 5, ("Luwu Utara", "Bantaeng", "Bone", "Gowa", "Maros", "Pinrang", "Sidenreng Rappang", "Bulukumba", "Luwu Timur", "Takalar"), ("Makassar", "Parepare", "Palopo")),
    ("sultra", "Sulawesi Tenggara", 1, ("Kolaka", "Konawe", "Buton", "Muna"), ("Kendari", "Baubau")),
    ("gorontalo", "Gorontalo", 1, ("Gorontalo", "Boalemo", "Bone Bolango", "Pohuwato"), ("Gorontalo",)),
    ("sulbar", "Sulawesi Barat", 1, ("Majene", "Mamuju", "Polewali Mandar"), ()),
    ("maluku", "Maluku", 1, ("Maluku Tengah", "Seram Bagian Barat", "Buru"), ("Ambon", "Tual")),
    ("malut", "Maluku Utara", 1, ("Halmahera Utara", "Halmahera Barat"), ("Ternate", "Tidore Kepulauan")),
    ("papua", "Papua", 1, ("Jayapura", "Merauke", "Mimika", "Biak Numfor"), ("Jayapura",)),
    ("pabar", "Papua Barat", 1, ("Manokwari", "Sorong", "Fakfak"), ("Sorong",)),
)

_PROVINCE: Final = {p[0]: p for p in PROVINCES}

#: How participant kinds are shared out, by kind id (any other kind weighs 1), when the
#: ruleset has the national KIPP's kinds: the proposals that passed the 2019
#: administrative check (KemenPAN-RB release, menpan.go.id, "Meningkat dari Tahun Lalu,
#: Lebih dari 3.000 Inovasi Ikuti KIPP 2019"): 232 from ministries, 68 from national
#: agencies, 161 from provinces, 597 from regencies, 271 from cities, 1,329 in all. The
#: release names no BUMN or BUMD, although a BUMN reached the Top 99: 2 BUMN proposals
#: are assumed, counted among the ministries' 232, and no BUMD. The Top 99 is not used:
#: an edition built from the outcome would hide how far the declared rule is from it.
NATIONAL_KIND_WEIGHTS: Final[Mapping[str, float]] = {
    "kementerian": 230,
    "bumn": 2,
    "lembaga": 68,
    "provinsi": 161,
    "kabupaten": 597,
    "kota": 271,
    "bumd": 0,
}
#: How participant kinds are shared out in other rulesets (an assumption: agencies
#: outnumber their technical units, which outnumber region-owned enterprises).
KIND_WEIGHTS: Final[Mapping[str, float]] = {
    "perangkat_daerah": 5,
    "upt": 4,
    "bumd": 1,
    "perangkat_daerah_provinsi": 4,
    "kabupaten": 4,
    "kota": 2,
    "wirausaha_sosial": 1,
}

_MINISTRIES: Final = (
    "Kementerian Dalam Negeri", "Kementerian Luar Negeri", "Kementerian Pertahanan",
    "Kementerian Hukum dan HAM", "Kementerian Keuangan",
    "Kementerian Energi dan Sumber Daya Mineral", "Kementerian Perindustrian",
    "Kementerian Perdagangan", "Kementerian Pertanian",
    "Kementerian Lingkungan Hidup dan Kehutanan", "Kementerian Perhubungan",
    "Kementerian Kelautan dan Perikanan", "Kementerian Ketenagakerjaan",
    "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
    "Kementerian Pekerjaan Umum dan Perumahan Rakyat", "Kementerian Kesehatan",
    "Kementerian Pendidikan dan Kebudayaan", "Kementerian Sosial", "Kementerian Agama",
    "Kementerian Komunikasi dan Informatika", "Kementerian Agraria dan Tata Ruang/BPN",
    "Kementerian Koperasi dan UKM",
    "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak",
    "Kementerian Pemuda dan Olahraga", "Kementerian Pariwisata",
    "Kementerian Riset, Teknologi dan Pendidikan Tinggi", "Kementerian BUMN",
    "Kementerian PPN/Bappenas", "Kementerian Sekretariat Negara",
)
_NATIONAL_AGENCIES: Final = (
    "Badan Pusat Statistik", "Badan Kepegawaian Negara", "Lembaga Administrasi Negara",
    "Badan Pengawas Obat dan Makanan", "Badan Narkotika Nasional",
    "Kepolisian Negara Republik Indonesia", "Kejaksaan Agung", "Mahkamah Agung",
    "Badan Meteorologi, Klimatologi, dan Geofisika",
    "Badan Nasional Penanggulangan Bencana",
    "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", "Badan Informasi Geospasial",
    "Arsip Nasional Republik Indonesia", "Perpustakaan Nasional Republik Indonesia",
    "BPJS Kesehatan", "BPJS Ketenagakerjaan", "Badan SAR Nasional",
    "Badan Kependudukan dan Keluarga Berencana Nasional",
)
_BUMN: Final = (
    "PT PLN (Persero)", "PT Pos Indonesia (Persero)", "PT Kereta Api Indonesia (Persero)",
    "PT Pertamina (Persero)", "PT Telkom Indonesia (Persero) Tbk",
    "PT Bank Rakyat Indonesia (Persero) Tbk", "PT Pelabuhan Indonesia II (Persero)",
    "PT Angkasa Pura I (Persero)", "PT ASDP Indonesia Ferry (Persero)",
    "PT Jasa Marga (Persero) Tbk", "PT Taspen (Persero)", "PT Pegadaian (Persero)",
    "Perum Bulog", "PT Kimia Farma Tbk", "Perum Damri",
)
#: Regional government agencies (perangkat daerah), each with the kind of technical
#: unit (UPT) under it; ``{kec}`` is a district (kecamatan).
_REGIONAL_AGENCIES: Final[tuple[tuple[str, str | None], ...]] = (
    ("Dinas Kesehatan", "UPTD Puskesmas {kec}"),
    ("Dinas Pendidikan dan Kebudayaan", "SMP Negeri {n} {kec}"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "UPT Layanan Adminduk {kec}"),
    ("Dinas Sosial", "UPTD Rumah Singgah"),
    ("Dinas Pertanian dan Ketahanan Pangan", "UPTD Balai Penyuluhan Pertanian {kec}"),
    ("Dinas Perdagangan, Koperasi dan UKM", "UPTD Pasar {kec}"),
    ("Dinas Lingkungan Hidup", "UPTD Pengelolaan Sampah"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", None),
    ("Dinas Perhubungan", "UPTD Terminal {kec}"),
    ("Dinas Komunikasi dan Informatika", None),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "UPTD Pengelolaan Air Limbah"),
    ("Dinas Tenaga Kerja", "UPTD Balai Latihan Kerja"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "UPTD Perlindungan Perempuan dan Anak"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "UPT Penyuluh KB {kec}"),
    ("Dinas Perpustakaan dan Kearsipan", None),
    ("Badan Perencanaan Pembangunan Daerah", None),
    ("Badan Keuangan Daerah", "UPTD Pajak Daerah"),
    ("Badan Penanggulangan Bencana Daerah", None),
    ("Satuan Polisi Pamong Praja", None),
    ("Inspektorat Daerah", None),
    ("Rumah Sakit Umum Daerah", None),
    ("Bagian Organisasi Sekretariat Daerah", None),
)
#: Districts (kecamatan) of the regencies the bundled rulesets name.
_DISTRICTS: Final[Mapping[str, tuple[str, ...]]] = {
    "sukoharjo": (
        "Baki", "Bendosari", "Bulu", "Gatak", "Grogol", "Kartasura", "Mojolaban",
        "Nguter", "Polokarto", "Sukoharjo", "Tawangsari", "Weru",
    ),
}
_GENERIC_DISTRICTS: Final = ("Kota", "Utara", "Selatan", "Timur", "Barat", "Tengah")
_JATIM_BUMD: Final = (
    "PT Bank Pembangunan Daerah Jawa Timur Tbk", "PT Jamkrida Jatim",
    "PT Petrogas Jatim Utama", "PT Panca Wira Usaha Jawa Timur",
    "Perumda Air Minum Surya Sembada Kota Surabaya", "Perumda Air Minum Delta Tirta Sidoarjo",
)
_UNIVERSITIES: Final[tuple[tuple[str, str], ...]] = (
    ("Universitas Indonesia", "jabar"), ("Universitas Gadjah Mada", "diy"),
    ("Institut Teknologi Bandung", "jabar"), ("Universitas Padjadjaran", "jabar"),
    ("Universitas Diponegoro", "jateng"), ("Universitas Sebelas Maret", "jateng"),
    ("Universitas Veteran Bangun Nusantara", "jateng"), ("Universitas Airlangga", "jatim"),
    ("Universitas Brawijaya", "jatim"), ("Universitas Hasanuddin", "sulsel"),
    ("Universitas Sumatera Utara", "sumut"), ("Universitas Andalas", "sumbar"),
    ("Universitas Udayana", "bali"), ("Universitas Nusa Cendana", "ntt"),
    ("Universitas Tanjungpura", "kalbar"), ("Universitas Sultan Ageng Tirtayasa", "banten"),
    ("Universitas Mulawarman", "kaltim"), ("IPB University", "jabar"),
    ("Universitas Sriwijaya", "sumsel"), ("Universitas Lambung Mangkurat", "kalsel"),
)
_PRACTITIONERS: Final[tuple[tuple[str, str], ...]] = (
    ("Kementerian PANRB", "dki"), ("Ombudsman Republik Indonesia", "dki"),
    ("Lembaga Administrasi Negara", "dki"), ("Harian Kompas", "dki"),
    ("Transparency International Indonesia", "dki"), ("USAID ERAT", "dki"),
)
_FIRST_NAMES: Final = (
    "Agus", "Budi", "Dewi", "Siti", "Rina", "Hendra", "Sri", "Wahyu", "Andi", "Yusuf",
    "Fitri", "Rudi", "Ratna", "Bambang", "Endang", "Nur", "Eko", "Dian", "Teguh", "Lestari",
    "Made", "Ketut", "Putu", "Maria", "Yohanes", "Nining", "Arief", "Retno", "Joko",
    "Indah", "Taufik", "Ahmad", "Hasan", "Ika", "Rahmat", "Wulan", "Fajar", "Yuliana",
)
_LAST_NAMES: Final = (
    "Santoso", "Wibowo", "Susanti", "Hidayat", "Pratama", "Saputra", "Setiawan",
    "Nugroho", "Kurniawan", "Siregar", "Nasution", "Harahap", "Simanjuntak", "Rahman",
    "Hakim", "Wijaya", "Gunawan", "Kusuma", "Utami", "Purnomo", "Prasetyo", "Halim",
    "Mahendra", "Ratulangi", "Manurung", "Sembiring", "Tanjung", "Lubis", "Pane",
)
_VENTURE_FORMS: Final = ("CV", "PT", "Koperasi", "Yayasan", "Komunitas")
_VENTURE_WORDS: Final = (
    "Nusa", "Lestari", "Bumi", "Cerdas", "Sehat", "Mandiri", "Daur", "Tani", "Sinergi",
    "Harapan", "Peduli", "Tirta", "Pelita", "Karya", "Mulia", "Sejahtera", "Kreasi",
    "Cahaya", "Muda", "Hijau", "Rumah", "Pangan", "Kita", "Bersama",
)
#: Title phrases by theme; a category picks its theme by the words in its id.
_THEMES: Final[Mapping[str, tuple[str, ...]]] = {
    "kesehatan": (
        "Layanan Antar Jemput Ibu Hamil Risiko Tinggi", "Pendaftaran Pasien Puskesmas Daring",
        "Posyandu Lansia Keliling", "Deteksi Dini Penyakit Tidak Menular",
        "Rujukan Pasien Terintegrasi", "Imunisasi Anak Tanpa Antre", "Apotek Obat Antar",
    ),
    "pendidikan": (
        "Sekolah Literasi Keluarga", "Beasiswa Anak Putus Sekolah",
        "Kelas Inklusi Berbasis Komunitas", "Perpustakaan Keliling Desa",
        "Guru Kunjung Daerah Terpencil", "Belajar Daring Desa",
    ),
    "kemiskinan": (
        "Data Terpadu Keluarga Miskin", "Bedah Rumah Gotong Royong",
        "Bantuan Sosial Tepat Sasaran", "Jaminan Sosial Pekerja Informal",
        "Modal Usaha Keluarga Prasejahtera",
    ),
    "ekonomi": (
        "Izin Usaha Mikro Satu Hari", "Pasar Digital UMKM", "Pelatihan Kerja Lulusan SMK",
        "Klinik Ekspor UMKM", "Bursa Kerja Daring",
    ),
    "pangan": (
        "Lumbung Pangan Desa", "Kartu Tani Digital", "Pekarangan Pangan Lestari",
        "Pemantauan Harga Pangan", "Cadangan Beras Warga",
    ),
    "pemberdayaan": (
        "Kampung Tangguh Mandiri", "Musyawarah Warga Daring",
        "Desa Wisata Berbasis Komunitas", "Kader Desa Digital", "Sekolah Lapang Warga",
    ),
    "inklusi": (
        "Layanan Adminduk bagi Penyandang Disabilitas", "Rumah Aman Perempuan dan Anak",
        "Pendampingan Korban Kekerasan", "Juru Bahasa Isyarat Layanan Publik",
        "Layanan Ramah Lansia",
    ),
    "lingkungan": (
        "Bank Sampah Digital", "Sampah Jadi Energi", "Air Bersih Berbasis Masyarakat",
        "Panel Surya Fasilitas Publik", "Pengendalian Banjir Terpadu", "Sedekah Sampah",
    ),
    "tata-kelola": (
        "Tanda Tangan Elektronik Perizinan", "Pengaduan Warga Terpadu",
        "Mal Pelayanan Publik", "Satu Data Daerah", "Perizinan Daring Terintegrasi",
        "Kinerja Pegawai Berbasis Aplikasi",
    ),
    "hukum": (
        "Bantuan Hukum Gratis Warga Miskin", "Sidang Keliling Isbat Nikah",
        "Layanan Tilang Elektronik", "Desa Sadar Hukum", "Mediasi Sengketa Warga",
    ),
    "bencana": (
        "Peringatan Dini Banjir", "Desa Tangguh Bencana", "Logistik Bencana Terpadu",
        "Relawan Siaga Bencana", "Peta Rawan Longsor Warga",
    ),
    "sampah": (
        "Bank Sampah Digital", "Sedekah Sampah", "Daur Ulang Plastik Warga",
        "Sampah Jadi Energi", "Jemput Sampah Terpilah",
    ),
    "air": (
        "Air Bersih Berbasis Masyarakat", "Sanitasi Layak Desa", "Toilet Sehat Sekolah",
        "Filter Air Murah untuk Desa", "Sumur Bor Komunal",
    ),
    "stunting": (
        "Gerakan Cegah Stunting", "Pemantauan Gizi Balita", "Kelas Ibu Hamil",
        "Dapur Sehat Atasi Stunting",
    ),
    "perkawinan-anak": (
        "Pencegahan Perkawinan Anak", "Konseling Remaja Desa", "Sekolah Remaja Berdaya",
    ),
    "umum": (
        "Pelayanan Publik Terpadu", "Layanan Jemput Bola", "Layanan Warga Satu Pintu",
        "Antrean Layanan Daring", "Survei Kepuasan Warga Real Time",
    ),
}
_THEME_WORDS: Final = (
    ("stunting", "stunting"), ("perkawinan", "perkawinan-anak"), ("sehat", "kesehatan"),
    ("didik", "pendidikan"), ("miskin", "kemiskinan"), ("ekonomi", "ekonomi"),
    ("pangan", "pangan"), ("berdaya", "pemberdayaan"), ("inklusi", "inklusi"),
    ("gender", "inklusi"), ("lingkungan", "lingkungan"), ("energi", "lingkungan"),
    ("sampah", "sampah"), ("air", "air"), ("kelola", "tata-kelola"),
    ("hukum", "hukum"), ("bencana", "bencana"), ("ketahanan", "bencana"),
)
_SYLLABLES: Final = (
    "MA", "TA", "KA", "RA", "NA", "PA", "DU", "LA", "SA", "GA", "BU", "TU", "RI", "JA",
    "WA", "MU", "PRO", "TAN", "DA", "NU", "KU", "SE", "LI", "TI", "RU", "YA",
)
_ACRONYM_PREFIXES: Final = ("SI", "SI-", "E-", "", "GE", "KA", "LA")
_SDGS: Final = tuple(str(n) for n in range(1, 18))
_WINNER_TIERS: Final = ("top-25", "top-35", "top-40", "top-45")
_MAX_ROUNDS: Final = 60
#: Rounds without progress after which redrawing stops.
_PATIENCE: Final = 4
#: Days registration is open when neither the ruleset nor a wave says.
_WINDOW_DAYS: Final = 30
_DECIMALS: Final[dict[str, Decimal]] = {}  # value text -> one shared Decimal
