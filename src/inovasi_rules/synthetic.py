"""Synthetic editions: seeded, plausible competition data for any ruleset.

:func:`generate_edition` reads a ruleset and invents an edition that fits it: who may
enter, the categories, groups, waves and regions, the registration window, the fields
the eligibility rules look at (``proposal_complete``, ``sdgs``, earlier awards, ...),
judges, their scores and the field-verification verdicts. It is meant for examples,
tests, benchmarks and what-if demonstrations; every name in it is realistic and every
entry is fictional.

How it works:

1. **Participants.** The participant kinds of the ruleset are shared out in fixed
   proportions (:data:`KIND_WEIGHTS`; the national KIPP's kinds follow the published
   breakdown of the 1,329 proposals that passed the 2019 administrative check,
   :data:`NATIONAL_KIND_WEIGHTS`, never the Top 99 the rules are meant to choose). With
   ``eligible``, the entries meant to pass and those meant to fail are each shared in
   those proportions, so the admitted count of each kind follows the table. Agencies, provinces and regencies come from tables of real Indonesian
   names (:data:`PROVINCES`); a provincial or regional ruleset (``level``) keeps its
   entrants inside the province or regency its id names (``kovablik-jatim``,
   ``kipp-sukoharjo-2023``).
2. **Eligibility.** A share of the entries is meant to be ineligible (``eligible`` or
   ``ineligible_share``), shared across participant kinds in proportion. Each entry is
   drafted *clean* (every field a rule reads has a value the rule accepts) or *flawed*
   (one realistic fault: too young an innovation, an incomplete proposal, no SDG, late
   registration, already Top 99 twice, a category outside the province's focus, the
   same title twice, ...). The generator reads the ruleset's conditions to know which
   fields matter and which values pass, then runs the ruleset's screening stages
   through :func:`~inovasi_rules.evaluate` and redraws every entry whose outcome is not
   the one intended, until all agree (caps per agency included) or redrawing stops
   helping (a cap can make the intended number impossible: more entries meant to pass
   than the agencies may send).
3. **Scores, stage by stage.** Only the entries that reach a scored stage are scored
   there: the generator evaluates, scores the entries that reached the next stage,
   evaluates again, and so on. Each entry has a hidden quality; each judge is a little
   harsh or lenient and more or less consistent; each entry is stronger on some
   criteria than others. Assessment stages assign judges at random from the pool (so a
   judge from the entry's own agency or province is sometimes assigned and a declared
   conflict of interest then excludes the score); presentation stages have one panel
   that scores every finalist. Verification stages get a verdict for every entry that
   reached them (``dropped_share`` of them dropped).

The same arguments always give the same edition, and
:func:`~inovasi_rules.write_edition` writes it byte for byte the same; different seeds
give different editions. ``inovasi-rules generate`` is the command line for it.

>>> from inovasi_rules import load_ruleset
>>> from inovasi_rules.synthetic import generate_edition
>>> edition = generate_edition(load_ruleset("winner-2023"), submissions=60, seed=1)
>>> len(edition.submissions)
60
"""

from __future__ import annotations

import datetime
import math
import random
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from . import model as m
from .conditions import CompiledCondition, ConditionError, compile_condition
from .edition import (
    CONFIRMED,
    DROPPED,
    SUBMISSION_FIELDS,
    Edition,
    Innovation,
    Judge,
    Participant,
    Score,
    Submission,
    Verdict,
)
from .evaluation import evaluate
from .model import Ruleset

__all__ = ["KIND_WEIGHTS", "NATIONAL_KIND_WEIGHTS", "PROVINCES", "generate_edition"]


# ---------------------------------------------------------------------------------------
# Reference tables (real names; the entries built from them are fictional)
# ---------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------
# What the generator learns from a ruleset
# ---------------------------------------------------------------------------------------


@attrs.frozen
class _ExtraRule:
    """A comparison an eligibility rule makes on an extra field."""

    path: str
    op: str
    value: Any
    positive: bool
    where: CompiledCondition | None


@attrs.define
class _Profile:
    """The facts about a ruleset the generator needs."""

    kinds: tuple[str, ...]
    allowed_kinds: tuple[str, ...] | None
    statuses: tuple[str, ...] | None
    provinces: tuple[str, ...] | None
    region: str | None
    region_province: str | None
    categories: tuple[str, ...]
    category_lookup: tuple[str, str, Any] | None
    category_rule: bool
    groups: tuple[str, ...]
    min_years: Decimal | None
    max_years: Decimal | None
    registered_rule: bool
    awards_rule: bool
    extras: dict[str, list[_ExtraRule]]
    soft_extras: tuple[str, ...]
    title_cap: bool
    reference: datetime.date
    opens: datetime.date
    wave_of: dict[str, m.Wave]
    has_rules: bool


def _walk(cond: m.Condition | None, positive: bool = True) -> Iterator[tuple[m.Compare, bool]]:
    if cond is None:
        return
    if isinstance(cond, m.Compare):
        yield cond, positive
    elif isinstance(cond, (m.AllOf, m.AnyOf)):
        for c in cond.conditions:
            yield from _walk(c, positive)
    elif isinstance(cond, m.Not):
        yield from _walk(cond.condition, not positive)


def _resolve(value: Any, params: Mapping[str, Any]) -> Any:
    if isinstance(value, m.Param):
        return params.get(value.name)
    return value


def _years(value: Any, unit: str) -> Decimal | None:
    try:
        n = Decimal(str(value))
    except ArithmeticError:
        return None
    return {"years": n, "months": n / 12, "days": n / 365}[unit]


def _compile(cond: m.Condition | None, params: Mapping[str, Any]) -> CompiledCondition | None:
    if cond is None:
        return None
    try:
        return compile_condition(cond, params)
    except ConditionError:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _analyse(rs: Ruleset, year: int | None) -> _Profile:
    params = dict(rs.parameters)
    core = set(SUBMISSION_FIELDS)
    derived = {"wave", "wave.name", "wave.opens", "wave.closes"} if rs.waves else set()
    allowed_kinds: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None
    provinces: tuple[str, ...] | None = None
    category_lookup: tuple[str, str, Any] | None = None
    category_rule = False
    min_years: Decimal | None = None
    max_years: Decimal | None = None
    registered_rule = awards_rule = title_cap = False
    extras: dict[str, list[_ExtraRule]] = {}
    soft: set[str] = set()
    as_of_dates: list[datetime.date] = []

    for e in rs.eligibility:
        if e.cap is not None:
            if "title" in e.cap.per:
                title_cap = True
            for cmp, _pos in _walk(e.cap.where):
                if isinstance(cmp.subject, m.Field) and cmp.subject.path not in core | derived:
                    soft.add(cmp.subject.path)
        where = _compile(e.where, params)
        for cmp, _pos in _walk(e.where):
            if isinstance(cmp.subject, m.Field) and cmp.subject.path not in core | derived:
                soft.add(cmp.subject.path)
        for cmp, pos in _walk(e.when):
            subj = cmp.subject
            value = _resolve(cmp.value, params)
            if isinstance(subj, m.Since):
                as_of = _resolve(subj.as_of, params)
                if isinstance(as_of, datetime.date):
                    as_of_dates.append(as_of)
                years = _years(value, subj.unit) if value is not None else None
                if years is None:
                    continue
                if (cmp.op in ("at_least", "greater_than")) == pos:
                    min_years = years if min_years is None else max(min_years, years)
                elif cmp.op in ("at_most", "less_than"):
                    max_years = years if max_years is None else min(max_years, years)
                continue
            if isinstance(subj, m.Count):
                if subj.path == "innovation.previous_awards":
                    awards_rule = True
                continue
            if not isinstance(subj, m.Field):
                continue
            path = subj.path
            listed = tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else None
            if path == "participant.kind" and pos and cmp.op in ("in", "equals"):
                allowed_kinds = listed or (str(value),)
            elif path == "innovation.status" and pos and cmp.op in ("in", "equals"):
                statuses = listed or (str(value),)
            elif path == "participant.province" and pos and cmp.op in ("in", "equals"):
                provinces = listed or (str(value),)
            elif path == "category":
                category_rule = True
                if isinstance(cmp.value, m.Lookup):
                    lk = cmp.value
                    category_lookup = (lk.table, lk.key, _resolve(lk.default, params))
            elif path == "registered":
                registered_rule = True
            elif path == "innovation.previous_awards":
                awards_rule = True
            elif path not in core and path not in derived:
                extras.setdefault(path, []).append(_ExtraRule(path, cmp.op or "", value, pos, where))
    for s in rs.stages:
        for a in s.adjustments:
            for cmp, _pos in _walk(a.when):
                if isinstance(cmp.subject, m.Field) and cmp.subject.path not in core | derived:
                    soft.add(cmp.subject.path)
    for award in rs.awards:
        for cmp, _pos in _walk(award.where):
            if isinstance(cmp.subject, m.Field) and cmp.subject.path not in core | derived:
                soft.add(cmp.subject.path)

    kinds = tuple(k.id for k in rs.participant_kinds) or allowed_kinds or ("perangkat_daerah",)
    if allowed_kinds is not None and any(k in allowed_kinds for k in kinds):
        kinds = tuple(k for k in kinds if k in allowed_kinds)
    if rs.waves:
        regions = tuple(r for w in rs.waves for r in w.regions)
        provinces = tuple(p for p in (provinces or regions) if p in regions) or regions

    # Which region a provincial or regional ruleset belongs to: a province or regency
    # named in its id (kovablik-jatim, kipp-sukoharjo-2023); otherwise Central Java.
    tokens = set(rs.id.lower().split("-"))
    region_province: str | None = None
    region: str | None = None
    if rs.level in ("regency", "city", "province"):
        region_province = next((p[0] for p in PROVINCES if p[0] in tokens), None)
        for p in PROVINCES:
            for name in (*p[3], *p[4]):
                if _slug(name) in tokens:
                    region, region_province = _slug(name), region_province or p[0]
                    break
            if region:
                break
        if region_province is None:
            region_province = "jateng"
        if rs.level in ("regency", "city") and region is None:
            region = "sukoharjo" if region_province == "jateng" else _slug(_PROVINCE[region_province][3][0])

    categories = tuple(c.id for c in rs.categories)
    if not categories and category_lookup is not None:
        default = category_lookup[2]
        categories = tuple(str(v) for v in default) if isinstance(default, (list, tuple)) else ()

    closes = params.get("registration_closes")
    if not isinstance(closes, datetime.date):
        wave_closes = [w.closes for w in rs.waves if w.closes]
        closes = max(wave_closes) if wave_closes else (max(as_of_dates) if as_of_dates else None)
    if not isinstance(closes, datetime.date):
        closes = datetime.date(year or rs.year or 2023, 6, 30)
    wave_of = {r.casefold(): w for w in rs.waves for r in w.regions}
    has_rules = bool(rs.eligibility)
    return _Profile(
        kinds=kinds,
        allowed_kinds=allowed_kinds,
        statuses=statuses,
        provinces=provinces,
        region=region,
        region_province=region_province,
        categories=categories,
        category_lookup=category_lookup,
        category_rule=category_rule,
        groups=tuple(g.id for g in rs.groups),
        min_years=min_years,
        max_years=max_years,
        registered_rule=registered_rule,
        awards_rule=awards_rule,
        extras=extras,
        soft_extras=tuple(sorted(soft - set(extras))),
        title_cap=title_cap,
        reference=closes,
        opens=closes - datetime.timedelta(days=_WINDOW_DAYS),
        wave_of=wave_of,
        has_rules=has_rules,
    )


# ---------------------------------------------------------------------------------------
# Drafting submissions
# ---------------------------------------------------------------------------------------


@attrs.define
class _Draft:
    """One submission being drafted (mutable until the edition is built)."""

    kind: str
    eligible: bool
    agency: str | None = None
    province: str | None = None
    regency: str | None = None
    name: str | None = None
    category: str | None = None
    group: str | None = None
    registered: datetime.date | None = None
    wave: str | None = None
    status: str | None = None
    started: datetime.date | None = None
    awards: tuple[str, ...] = ()
    extra: dict[str, object] = attrs.field(factory=dict)
    title: str = ""
    withdrawn: bool = False
    duplicate_of: _Draft | None = None
    flaw: str | None = None

    def submission(self, sid: str) -> Submission:
        title = self.duplicate_of.title if self.duplicate_of is not None else self.title
        return Submission(
            sid,
            title=title,
            participant=Participant(self.kind, self.agency, self.province, self.regency, self.name),
            innovation=Innovation(self.status, self.started, self.awards),
            category=self.category,
            group=self.group,
            registered=self.registered,
            wave=self.wave,
            withdrawn=self.withdrawn,
            extra={k: v for k, v in self.extra.items() if v is not None},
        )


def _weighted(rng: random.Random, items: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(items, weights=weights, k=1)[0]


def _shares(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """``total`` shared in proportion to ``weights`` (largest remainder)."""
    keys = list(weights)
    wsum = sum(weights.values())
    if total <= 0 or wsum <= 0:
        return dict.fromkeys(keys, 0)
    quotas = {k: total * weights[k] / wsum for k in keys}
    out = {k: int(q) for k, q in quotas.items()}
    left = total - sum(out.values())
    for k in sorted(keys, key=lambda k: (-(quotas[k] - out[k]), keys.index(k)))[:left]:
        out[k] += 1
    return out


class _Drafter:
    """Draws clean and flawed submissions for one ruleset."""

    def __init__(self, rs: Ruleset, profile: _Profile, rng: random.Random) -> None:
        self.rs = rs
        self.p = profile
        self.rng = rng
        self.params = dict(rs.parameters)
        self.titles: set[str] = set()
        self.flaws = self._flaws()
        prov_ids = [p[0] for p in PROVINCES]
        self.province_ids = prov_ids
        self.province_weights = [float(p[2]) for p in PROVINCES]

    # -- the faults an ineligible entry can have, with how often each occurs
    def _flaws(self) -> list[tuple[str, float]]:
        p = self.p
        out: list[tuple[str, float]] = []
        for path in sorted(p.extras):
            # How often each administrative rejection occurs was not published: an extra
            # field's fault weighs like the others.
            out.append((f"extra:{path}", 1.5))
        if p.min_years is not None and p.min_years > 0:
            out.append(("young", 3.0))
        if p.max_years is not None:
            out.append(("old", 1.0))
        if p.registered_rule:
            out.append(("late", 2.0))
        if p.awards_rule:
            out.append(("awards", 1.5))
        if p.statuses is not None:
            out.append(("status", 1.5))
        if p.category_rule:
            out.append(("category", 3.0 if p.category_lookup else 1.0))
        if p.allowed_kinds is not None:
            out.append(("kind", 0.4))
        if p.provinces is not None and not p.region_province:
            out.append(("province", 1.0))
        if len(self.p.groups) > 1:
            out.append(("group", 0.2))
        return out

    # -- places and agencies
    def place(self, d: _Draft) -> None:
        rng, p = self.rng, self.p
        kind = d.kind
        if p.provinces is not None and not p.region_province:
            allowed = [x for x in p.provinces if x in _PROVINCE] or list(p.provinces)
            weights = [float(_PROVINCE[x][2]) if x in _PROVINCE else 1.0 for x in allowed]
            province = _weighted(rng, allowed, weights)
        elif p.region_province:
            province = p.region_province
        else:
            province = _weighted(rng, self.province_ids, self.province_weights)
        prov = _PROVINCE.get(province)
        d.province, d.regency, d.name = province, None, None
        if kind == "kementerian":
            d.agency, d.province = rng.choice(_MINISTRIES), "dki"
        elif kind == "lembaga":
            d.agency, d.province = rng.choice(_NATIONAL_AGENCIES), "dki"
        elif kind == "bumn":
            d.agency, d.province = rng.choice(_BUMN), "dki"
        elif kind == "provinsi" and prov is not None:
            if province == "dki":
                d.agency = "Pemprov DKI Jakarta"
            else:
                d.agency = f"Pemprov {prov[1]}"
            d.name = f"{rng.choice(_REGIONAL_AGENCIES)[0]} Provinsi {prov[1]}"
        elif kind in ("kabupaten", "kota") and prov is not None:
            names = prov[3] if kind == "kabupaten" else prov[4]
            if not names:  # a province without cities (or regencies): pick one that has
                options = [q for q in PROVINCES if (q[3] if kind == "kabupaten" else q[4])]
                if p.region_province is None and p.provinces is None:
                    prov = rng.choice(options)
                    d.province = prov[0]
                    names = prov[3] if kind == "kabupaten" else prov[4]
                else:
                    names = prov[3] or prov[4]
            place = rng.choice(names)
            is_city = kind == "kota"
            shared = place in prov[3] and place in prov[4]
            d.regency = f"kota-{_slug(place)}" if is_city and shared else _slug(place)
            d.agency = f"{'Pemkot' if is_city else 'Pemkab'} {place}"
            d.name = f"{rng.choice(_REGIONAL_AGENCIES)[0]} {'Kota' if is_city else 'Kabupaten'} {place}"
        elif kind == "perangkat_daerah_provinsi" and prov is not None:
            d.agency = f"{rng.choice(_REGIONAL_AGENCIES)[0]} Provinsi {prov[1]}"
        elif kind in ("perangkat_daerah", "upt", "bumd") and p.region is not None:
            self._regional(d)
        elif kind == "bumd" and prov is not None:
            d.agency = rng.choice(_JATIM_BUMD) if province == "jatim" else f"Perumda Air Minum {prov[1]}"
        elif kind == "wirausaha_sosial":
            words = rng.sample(_VENTURE_WORDS, 2)
            d.agency = f"{rng.choice(_VENTURE_FORMS)} {words[0]} {words[1]}"
            d.name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
            if prov is not None and prov[3]:
                d.regency = _slug(rng.choice(prov[3]))
        else:
            d.agency = f"{kind.replace('_', ' ').title()} {rng.randint(1, 40)}"
        if p.wave_of and d.province is not None:
            w = p.wave_of.get(d.province.casefold())
            d.wave = w.id if w is not None else None

    def _regional(self, d: _Draft) -> None:
        rng, region = self.rng, self.p.region or "sukoharjo"
        label = region.replace("kota-", "").replace("-", " ").title()
        districts = _DISTRICTS.get(region, _GENERIC_DISTRICTS)
        d.regency = region
        if d.kind == "bumd":
            d.agency = rng.choice(
                (f"Perumda Air Minum {label}", f"PT BPR Bank {label} (Perseroda)", f"Perumda Pasar {label}")
            )
            return
        if d.kind == "upt":
            with_units = [a for a in _REGIONAL_AGENCIES if a[1]]
            parent, unit = rng.choice(with_units)
            assert unit is not None
            d.agency = parent
            d.name = unit.format(kec=rng.choice(districts), n=rng.randint(1, 4))
            return
        if rng.random() < 0.15:
            d.agency = f"Kecamatan {rng.choice(districts)}"
        else:
            d.agency = rng.choice(_REGIONAL_AGENCIES)[0]

    # -- the rest of a clean draft
    def category(self, d: _Draft) -> None:
        p, rng = self.p, self.rng
        options: Sequence[str] = p.categories
        if p.category_lookup is not None:
            table, key, default = p.category_lookup
            mapping = self.params.get(table)
            keyval = {"participant.province": d.province, "participant.kind": d.kind,
                      "group": d.group, "wave": d.wave}.get(key)
            found = mapping.get(keyval) if isinstance(mapping, Mapping) and keyval is not None else None
            chosen = found if found is not None else default
            if isinstance(chosen, (list, tuple)) and chosen:
                options = [str(c) for c in chosen]
        d.category = rng.choice(list(options)) if options else None

    def dates(self, d: _Draft) -> None:
        p, rng = self.p, self.rng
        closes, opens = p.reference, p.opens
        w = p.wave_of.get(d.province.casefold()) if p.wave_of and d.province else None
        if w is not None:
            closes = w.closes or closes
            opens = w.opens or (closes - datetime.timedelta(days=_WINDOW_DAYS))
        window = max((closes - opens).days, 1)
        # Most register in the last weeks before the deadline.
        back = min(int(rng.expovariate(1 / max(window / 4, 1))), window)
        d.registered = closes - datetime.timedelta(days=back)
        status_pool = p.statuses or ("berjalan", "selesai", "rintisan")
        weights = {"berjalan": 6.0, "selesai": 1.0, "rintisan": 2.5}
        candidates = [s for s in status_pool if p.min_years is None or p.min_years < 1 or s != "rintisan"]
        d.status = _weighted(rng, candidates or list(status_pool), [weights.get(s, 1.0) for s in candidates or status_pool])
        # Ages are counted to the registration close (as the rules do), and an
        # innovation started before it was registered.
        ref = min(p.reference, d.registered - datetime.timedelta(days=7))
        if d.status == "rintisan":
            age = rng.randint(40, 330)
        else:
            # Running innovations are mostly one to four years old; completed ones older.
            low = max(float(p.min_years or 0) * 365.25 + 20, 400.0 if d.status == "selesai" else 120.0)
            high = float(p.max_years) * 365.25 - 20 if p.max_years is not None else low + 6 * 365
            high = max(high, low + 30)
            age = int(low + min(rng.expovariate(1 / (2.2 * 365)), high - low))
        d.started = ref - datetime.timedelta(days=age)

    def awards(self, d: _Draft) -> None:
        rng = self.rng
        if d.group == "khusus":
            tier = rng.choice(_WINNER_TIERS)
            d.awards = ("top-99", tier) if rng.random() < 0.8 else ("top-99", "top-99", tier)
            return
        d.awards = ("top-99",) if self.p.awards_rule and rng.random() < 0.08 else ()

    def extras(self, d: _Draft) -> None:
        d.extra = {}
        needs_record = any(r.where is not None for rules in self.p.extras.values() for r in rules)
        record = d.submission("draft") if needs_record else None
        for path, rules in sorted(self.p.extras.items()):
            value: object = None
            applied = False
            for rule in rules:
                if rule.where is not None and record is not None and rule.where(record).value is not True:
                    continue
                applied = True
                value = self._satisfy(path, rule, d)
                break
            if not applied:
                value = self._absent(rules)
            d.extra[path] = value
        for path in self.p.soft_extras:
            d.extra[path] = self.rng.random() < 0.5

    def _satisfy(self, path: str, rule: _ExtraRule, d: _Draft) -> object:
        if not rule.positive:
            return self._violate(path, rule)
        rng, op, v = self.rng, rule.op, rule.value
        if path == "sdgs" or (op == "exists" and "sdg" in path):
            return tuple(sorted(rng.sample(_SDGS, rng.randint(1, 3)), key=int))
        if op == "exists":
            if v is False:
                return None
            if "replicated" in path or "replikasi" in path:
                return f"{rng.choice(_THEMES['umum'])} ({rng.choice(_MINISTRIES + _NATIONAL_AGENCIES)}), Top 99 {self.p.reference.year - 2}"
            return "ya"
        if op == "equals":
            return v
        if op == "not_equals":
            return (not v) if isinstance(v, bool) else "lainnya"
        if op == "in" and isinstance(v, (list, tuple)) and v:
            return rng.choice(list(v))
        if op == "not_in":
            return "lainnya"
        if op == "contains":
            return (rng.choice(list(v)),) if isinstance(v, (list, tuple)) else (v,)
        if op in ("at_least", "greater_than") and isinstance(v, (int, Decimal)):
            return Decimal(v) + rng.randint(1 if op == "greater_than" else 0, 5)
        if op in ("at_most", "less_than") and isinstance(v, (int, Decimal)):
            return Decimal(v) - rng.randint(1 if op == "less_than" else 0, 5)
        if op == "between" and isinstance(v, (list, tuple)) and len(v) == 2:
            lo, hi = (Decimal(str(x)) for x in v)
            return lo + (hi - lo) * Decimal(rng.randint(0, 10)) / 10
        return "ya"

    def _violate(self, path: str, rule: _ExtraRule) -> object:
        op, v = rule.op, rule.value
        if op == "equals":
            return (not v) if isinstance(v, bool) else "lainnya"
        if op == "not_equals":
            return v
        if op in ("in", "contains"):
            return "lainnya" if op == "in" else ()
        if op == "not_in" and isinstance(v, (list, tuple)) and v:
            return v[0]
        if op == "exists":
            return "ya" if v is False else None
        if op in ("at_least", "greater_than") and isinstance(v, (int, Decimal)):
            return Decimal(v) - 1
        if op in ("at_most", "less_than") and isinstance(v, (int, Decimal)):
            return Decimal(v) + 1
        return None

    @staticmethod
    def _absent(rules: Sequence[_ExtraRule]) -> object:
        for r in rules:
            if r.op == "equals" and isinstance(r.value, bool):
                return not r.value
        return None

    def title(self, d: _Draft) -> None:
        rng = self.rng
        # Without categories, any theme will do; otherwise the category's theme.
        theme = rng.choice(sorted(_THEMES)) if not d.category else "umum"
        cat = (d.category or "").lower()
        for word, name in _THEME_WORDS:
            if word in cat:
                theme = name
                break
        for attempt in range(50):
            prefix = rng.choice(_ACRONYM_PREFIXES)
            acronym = prefix + "".join(rng.sample(_SYLLABLES, rng.randint(2, 3)))
            phrase = rng.choice(_THEMES[theme])
            if d.kind == "wirausaha_sosial":
                text = f"{d.agency}: {phrase}"
            elif d.regency and rng.random() < 0.5:
                place = d.regency.replace("kota-", "Kota ").replace("-", " ").title()
                text = f"{acronym}: {phrase} {place}"
            else:
                text = f"{acronym}: {phrase}"
            if attempt > 40:
                text = f"{text} {attempt}"
            if text not in self.titles:
                self.titles.add(text)
                d.title = text
                return
        raise AssertionError("unreachable: titles with a counter are unique")  # pragma: no cover

    def group(self, d: _Draft) -> None:
        gs = self.p.groups
        if not gs:
            d.group = None
            return
        weights = [8.0 if i == 0 else 1.2 if i == 1 else 0.8 for i in range(len(gs))]
        d.group = _weighted(self.rng, list(gs), weights)

    def clean(self, d: _Draft) -> None:
        """Fill every field with a value the ruleset's rules accept."""
        d.flaw = None
        self.place(d)
        self.group(d)
        self.category(d)
        self.dates(d)
        self.awards(d)
        self.extras(d)
        if d.title:
            self.titles.discard(d.title)
        self.title(d)

    def flawed(self, d: _Draft) -> None:
        """A clean draft with one realistic fault."""
        self.clean(d)
        if not self.flaws:
            return
        names = [f for f, _ in self.flaws]
        flaw = _weighted(self.rng, names, [w for _, w in self.flaws])
        d.flaw = flaw
        self.apply_flaw(d, flaw)

    def apply_flaw(self, d: _Draft, flaw: str) -> None:
        rng, p = self.rng, self.p
        if flaw.startswith("extra:"):
            path = flaw.split(":", 1)[1]
            rules = p.extras[path]
            record = d.submission("draft")
            rule = next((r for r in rules if r.where is None or r.where(record).value is True), rules[0])
            d.extra[path] = self._violate(path, rule)
        elif flaw == "young" and p.min_years is not None:
            limit = max(int(float(p.min_years) * 365.25) - 20, 31)
            base = min(p.reference, (d.registered or p.reference) - datetime.timedelta(days=7))
            d.started = base - datetime.timedelta(days=rng.randint(30, limit))
            if d.status == "selesai":
                d.status = "berjalan"
        elif flaw == "old" and p.max_years is not None:
            d.started = p.reference - datetime.timedelta(days=int(float(p.max_years) * 365.25) + rng.randint(30, 700))
        elif flaw == "late":
            w = p.wave_of.get(d.province.casefold()) if p.wave_of and d.province else None
            closes = (w.closes if w is not None and w.closes else None) or p.reference
            d.registered = closes + datetime.timedelta(days=rng.randint(1, 12))
        elif flaw == "awards":
            tiers = [t for t in ("top-40", "top-35") if d.group != "khusus"]
            d.awards = ("top-99", "top-99") if rng.random() < 0.6 or not tiers else ("top-99", rng.choice(tiers))
        elif flaw == "status":
            d.status = rng.choice(("gagasan", "dihentikan"))
        elif flaw == "category":
            outside = [c for c in p.categories if c != d.category]
            if p.category_lookup is not None and outside:
                d.category = rng.choice(outside)
            else:
                d.category = "lainnya"
        elif flaw == "kind" and p.allowed_kinds is not None:
            d.kind = rng.choice([k for k in ("desa", "bumd", "swasta", "perorangan") if k not in p.allowed_kinds])
        elif flaw == "province":
            others = [q[0] for q in PROVINCES if p.provinces is None or q[0] not in p.provinces]
            d.province = rng.choice(others)
            d.wave = None
        elif flaw == "group":
            d.group = "lainnya"


# ---------------------------------------------------------------------------------------
# Judges and scores
# ---------------------------------------------------------------------------------------


@attrs.define
class _Rater:
    judge: Judge
    bias: float
    noise: float


def _judges(
    rng: random.Random, count: int, profile: _Profile, drafts: Sequence[_Draft], level: str
) -> list[_Rater]:
    """A judge pool: academics and practitioners, and some judges from the very agencies
    and provinces that enter (so declared conflicts of interest do occur)."""
    local_share = 0.35 if level in ("regency", "city", "province") else 0.1
    agencies = sorted({(d.agency, d.province) for d in drafts if d.agency and d.eligible}, key=str)
    home = profile.region_province
    allowed = set(profile.provinces or ())
    unis = [u for u in _UNIVERSITIES if (home and u[1] == home) or (allowed and u[1] in allowed)]
    unis = unis or list(_UNIVERSITIES)
    # USAID ERAT supported WiNNER (with the NGO ANGIN); it judges social ventures only.
    social = "wirausaha_sosial" in profile.kinds
    practitioners = [x for x in _PRACTITIONERS if social or x[0] != "USAID ERAT"]
    out: list[_Rater] = []
    width = max(3, len(str(count)))
    for i in range(count):
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        r = rng.random()
        if agencies and r < local_share:
            agency, province = rng.choice(agencies)
            name = f"{first} {last}"
            affiliation = agency
        elif r < local_share + 0.15:
            affiliation, province = rng.choice(practitioners)
            agency = affiliation
            name = f"{first} {last}"
        else:
            affiliation, province = rng.choice(unis)
            agency = affiliation
            name = f"{rng.choice(('Dr. ', 'Prof. Dr. ', '', ''))}{first} {last}"
        judge = Judge(f"J{i + 1:0{width}d}", name=name, affiliation=affiliation, province=province, agency=agency)
        out.append(_Rater(judge, rng.gauss(0, 4), rng.uniform(3, 7)))
    return out


def _per_entry(stage: m.Stage, override: int | None) -> int:
    if override:
        return override
    j = stage.judges
    k = max(j.min, 1)
    if j.aggregate == "trimmed_mean":
        k = max(k, 2 * j.trim + 2)
    if j.aggregate == "normalised_mean":
        k = max(k, 3)
    if j.conflicts:
        k += 1
    if stage.kind == "presentation":
        k = max(k, 5)
    return k


def _decimal(text: str) -> Decimal:
    found = _DECIMALS.get(text)
    if found is None:
        found = _DECIMALS[text] = Decimal(text)
    return found


def _score_stage(
    rng: random.Random,
    rs: Ruleset,
    stage: m.Stage,
    reached: Sequence[str],
    quality: Mapping[str, float],
    pool: Sequence[_Rater],
    per_entry: int,
) -> list[Score]:
    assert stage.rubric is not None
    rubric = rs.rubric(stage.rubric)
    criteria = rubric.leaves()
    lo, hi = float(rubric.scale.min), float(rubric.scale.max)
    span = hi - lo
    places = 0 if span >= 10 else 1
    k = min(per_entry, len(pool))
    panel = rng.sample(list(pool), k) if stage.kind == "presentation" else None
    out: list[Score] = []
    gauss, stage_id = rng.gauss, stage.id
    for sid in reached:
        q = quality[sid] + gauss(0, 4)
        strengths = [gauss(0, 5) for _ in criteria]
        raters = panel if panel is not None else rng.sample(list(pool), k)
        for rater in sorted(raters, key=lambda r: r.judge.id):
            jid, bias, noise = rater.judge.id, rater.bias, rater.noise
            for crit, strength in zip(criteria, strengths, strict=True):
                x = q + strength + bias + gauss(0, noise)
                x = min(100.0, max(0.0, x))
                value = lo + span * x / 100
                text = str(round(value)) if places == 0 else f"{value:.1f}"
                out.append(Score(sid, stage_id, jid, crit, _decimal(text)))
    return out


# ---------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------


def _id_prefix(rs: Ruleset) -> str:
    known = {
        "kipp-2019": "K19", "kipp-2021": "K21", "kipp-sukoharjo-2023": "SKH",
        "winner-2023": "WNR", "kovablik-jatim": "KVB", "kipp-regional": "REG",
        "kipp-base": "KIPP",
    }
    if rs.id in known:
        return known[rs.id]
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", rs.id) if p]
    letters = "".join(p[0] for p in parts if not p.isdigit()).upper()[:4] or "SUB"
    digits = next((p[-2:] for p in reversed(parts) if p.isdigit()), "")
    return letters + digits


def _build(
    drafts: Sequence[_Draft], ids: Sequence[str], meta: Mapping[str, Any], **tables: Any
) -> Edition:
    subs = [d.submission(sid) for d, sid in zip(drafts, ids, strict=True)]
    return Edition(submissions=subs, **meta, **tables)


def _order(drafts: Sequence[_Draft]) -> list[int]:
    """Draft indices in registration order (the order of the ids and of the files)."""
    return sorted(range(len(drafts)), key=lambda i: (drafts[i].registered or datetime.date.max, i))


def generate_edition(
    ruleset: Ruleset | str,
    *,
    submissions: int,
    seed: int = 0,
    judges: int | None = None,
    year: int | None = None,
    id: str | None = None,
    eligible: int | None = None,
    ineligible_share: float = 0.15,
    judges_per_entry: int | None = None,
    dropped_share: float = 0.0,
    withdrawn_share: float = 0.0,
    kind_weights: Mapping[str, float] | None = None,
    parameters: Mapping[str, Any] | None = None,
    plugins: Iterable[Any] = (),
    load_entrypoints: bool | None = None,
) -> Edition:
    """A seeded synthetic edition that fits ``ruleset``; see the module documentation.

    :param ruleset: a ruleset, or the id or path of one (:func:`load_ruleset`).
    :param submissions: how many submissions.
    :param seed: the seed; the same arguments always give the same edition.
    :param judges: the size of the judge pool (default: grows with the square root of
        the number of submissions, at least enough for every stage's panel).
    :param year: the edition's year (default: the ruleset's, or the year its
        registration closes).
    :param id: the edition's id (default ``<ruleset id>-synthetic``).
    :param eligible: exactly how many submissions should pass the screening stages
        (overrides ``ineligible_share``); the entries meant to pass and those meant to
        fail are each shared across participant kinds by ``kind_weights``.
    :param ineligible_share: the share of submissions meant to fail screening.
    :param judges_per_entry: judges per entry at every scored stage (default: from the
        stage's ``judges`` settings: its minimum, enough to trim, one spare when
        conflicts of interest are declared, a panel of five for presentations).
    :param dropped_share: the share of entries a verification stage drops.
    :param withdrawn_share: the share of submissions withdrawn by their participants
        (taken from those meant to be ineligible).
    :param kind_weights: how participant kinds are shared out (default
        :data:`NATIONAL_KIND_WEIGHTS` for the national KIPP clusters, otherwise
        :data:`KIND_WEIGHTS`).
    :param parameters: ruleset parameter overrides, stored in the edition (as
        ``edition.yaml`` would) and used while generating.
    :param plugins: plugins to evaluate with (for rulesets that need them).
    :param load_entrypoints: passed on to :func:`~inovasi_rules.evaluate` (``False``:
        do not load installed plugins).
    :raises ValueError: for a negative or impossible count.
    """
    from .loading import load_ruleset

    rs = load_ruleset(ruleset) if isinstance(ruleset, str) else ruleset
    if submissions < 0:
        raise ValueError("submissions must be 0 or more / jumlah pengajuan tidak boleh negatif")
    if eligible is not None and not 0 <= eligible <= submissions:
        raise ValueError("eligible must be between 0 and submissions / eligible di luar rentang")
    if not 0.0 <= ineligible_share <= 1.0 or not 0.0 <= dropped_share <= 1.0:
        raise ValueError("shares must be between 0 and 1 / proporsi harus antara 0 dan 1")
    plugin_list = list(plugins)
    if parameters:
        rs = rs.with_parameters(**parameters)
    profile = _analyse(rs, year)
    closes = rs.parameters.get("registration_closes")
    year = year or rs.year or (closes.year if isinstance(closes, datetime.date) else profile.reference.year)
    edition_id = id or f"{rs.id}-synthetic"
    rng = random.Random(f"inovasi-rules synthetic {rs.id} {seed}")

    # 1. participant kinds and who is meant to be eligible
    table = kind_weights or (NATIONAL_KIND_WEIGHTS if "kementerian" in profile.kinds else KIND_WEIGHTS)
    weights = {k: float(table.get(k, 1.0)) for k in profile.kinds}
    n_ok = eligible if eligible is not None else round(submissions * (1 - ineligible_share))
    if not profile.has_rules:
        n_ok = submissions
    if eligible is not None and profile.has_rules:
        # the admitted and the rejected each follow the table, so the admitted count of
        # every kind is the table's share of ``eligible`` (the published breakdown)
        ok_counts = _shares(n_ok, weights)
        bad_counts = _shares(submissions - n_ok, weights)
        kind_counts = {k: ok_counts[k] + bad_counts[k] for k in weights}
    else:
        kind_counts = _shares(submissions, weights)
        ok_counts = _shares(n_ok, {k: float(c) for k, c in kind_counts.items()})
    drafts: list[_Draft] = []
    for kind in profile.kinds:
        flags = [True] * ok_counts[kind] + [False] * (kind_counts[kind] - ok_counts[kind])
        rng.shuffle(flags)
        drafts.extend(_Draft(kind, flag) for flag in flags)
    rng.shuffle(drafts)

    drafter = _Drafter(rs, profile, rng)
    bad = [i for i, d in enumerate(drafts) if not d.eligible]
    n_withdrawn = min(round(submissions * withdrawn_share), len(bad))
    withdrawn = set(rng.sample(bad, n_withdrawn)) if n_withdrawn else set()
    originals = [i for i, d in enumerate(drafts) if d.eligible]
    for i, d in enumerate(drafts):
        if d.eligible or i in withdrawn:
            drafter.clean(d)
            d.withdrawn = i in withdrawn
        elif profile.title_cap and originals and rng.random() < 0.06:
            drafter.clean(d)
            d.duplicate_of = drafts[rng.choice(originals)]
        else:
            drafter.flawed(d)
    for d in drafts:
        if d.duplicate_of is not None:
            assert d.duplicate_of.registered is not None
            d.registered = d.duplicate_of.registered + datetime.timedelta(days=rng.randint(1, 20))

    meta: dict[str, Any] = {
        "id": edition_id,
        "ruleset": rs.id,
        "year": year,
        "parameters": dict(parameters or {}),
    }
    width = max(4, len(str(submissions)))
    prefix = _id_prefix(rs)

    def ids_for(order: Sequence[int]) -> dict[int, str]:
        return {i: f"{prefix}-{n + 1:0{width}d}" for n, i in enumerate(order)}

    # 2. screening, redrawn until every entry's outcome is the one intended: first the
    # rules that judge one submission at a time, on the redrawn entries only; then the
    # whole edition, for the caps.
    screening = tuple(s for s in rs.stages if s.kind == "screening")
    screen_rs = attrs.evolve(rs, stages=screening, awards=())
    single_rs = attrs.evolve(screen_rs, eligibility=tuple(e for e in rs.eligibility if e.cap is None))

    def passing(ruleset: Ruleset, picked: Sequence[int]) -> tuple[dict[int, str], set[str]]:
        order = sorted(picked, key=lambda i: (drafts[i].registered or datetime.date.max, i))
        idmap = ids_for(order)
        result = evaluate(ruleset, _build([drafts[i] for i in order], [idmap[i] for i in order], meta),
                          plugins=plugin_list, load_entrypoints=load_entrypoints)
        return idmap, {s.id for s in result.submissions if s.stages and all(o.passed for o in s.stages)}

    def redraw(wrong: Iterable[int]) -> list[int]:
        redrawn = []
        for i in wrong:
            d = drafts[i]
            if d.eligible:
                drafter.clean(d)
            else:
                d.duplicate_of = None
                drafter.flawed(d)
            redrawn.append(i)
        return redrawn

    pending = [i for i, d in enumerate(drafts) if not d.withdrawn and d.duplicate_of is None]
    converged = False
    best, stalled = len(drafts) + 1, 0
    for _round in range(_MAX_ROUNDS if screening and profile.has_rules else 0):
        for _inner in range(_MAX_ROUNDS):
            if not pending:
                break
            idmap, ok = passing(single_rs, pending)
            pending = redraw(i for i in pending if (idmap[i] in ok) != drafts[i].eligible)
        idmap, ok = passing(screen_rs, range(len(drafts)))
        pending = redraw(
            i for i in _order(drafts)
            if not drafts[i].withdrawn and (idmap[i] in ok) != drafts[i].eligible
        )
        if not pending:
            converged = True
            break
        # A cap can make the intended count impossible (more entries meant to pass
        # than the agencies may send): stop when redrawing no longer helps.
        best, stalled = (len(pending), 0) if len(pending) < best else (best, stalled + 1)
        if stalled >= _PATIENCE:
            break

    order = _order(drafts)
    idmap = ids_for(order)
    ordered = [drafts[i] for i in order]
    ids = [idmap[i] for i in order]
    if not screening or not profile.has_rules:
        ok = {idmap[i] for i in order if not drafts[i].withdrawn}
    elif not converged:
        idmap, ok = passing(screen_rs, range(len(drafts)))
    quality = {sid: rng.gauss(68, 9) for sid in ids}

    # 3. judges, then scores and verdicts stage by stage
    scored = [s for s in rs.stages if s.kind in ("assessment", "presentation") and s.rubric]
    ks = {s.id: _per_entry(s, judges_per_entry) for s in scored}
    k_max = max(ks.values(), default=0)
    pool_size = judges if judges is not None else max(k_max + 3, min(80, round(math.sqrt(max(submissions, 1)) * 1.2)))
    pool = _judges(rng, pool_size if scored else 0, profile, ordered, rs.level) if scored else []
    judge_list = [r.judge for r in pool]
    scores: list[Score] = []
    verdicts: list[Verdict] = []
    # Entries screened out play no part in later stages (a cap keeps the first entries
    # in its order, so leaving out those it excluded keeps the same ones), so the stages
    # are run on the entries meant to be eligible only.
    alive = [n for n, sid in enumerate(ids) if sid in ok]
    alive_drafts = [ordered[n] for n in alive]
    screened_only = True  # every stage so far was a screening stage
    for stage in rs.stages:
        if stage.kind == "screening":
            continue
        if stage.kind != "verification" and stage not in scored:
            screened_only = False
            continue
        if screened_only:  # the first stage after screening: every eligible entry
            reached = [ids[n] for n in alive]
        else:
            partial = _build(alive_drafts, [ids[n] for n in alive], meta,
                             judges=judge_list, scores=scores, verdicts=verdicts)
            result = evaluate(rs, partial, plugins=plugin_list, load_entrypoints=load_entrypoints)
            reached = [s.id for s in result.submissions if s.stage(stage.id) is not None]
        screened_only = False
        if stage.kind == "verification":
            for sid in reached:
                if rng.random() < dropped_share:
                    verdicts.append(Verdict(sid, stage.id, DROPPED, "layanan tidak ditemukan berjalan di lapangan / the service was not found running"))
                else:
                    verdicts.append(Verdict(sid, stage.id, CONFIRMED, "layanan berjalan sesuai paparan / the service runs as presented"))
            continue
        scores.extend(_score_stage(rng, rs, stage, reached, quality, pool, ks[stage.id]))

    name = rs.name.both()
    meta["title"] = f"{name} (data sintetis / synthetic data)"
    meta["notes"] = (
        f"Data sintetis, dibuat dengan seed {seed}: nama instansi nyata, semua pengajuan fiktif. / "
        f"Synthetic data made with seed {seed}: real agency names, every entry fictional."
    )
    fields: dict[str, str] = {}
    for d in ordered:
        for key, value in d.extra.items():
            if isinstance(value, bool):
                fields[key] = "bool"
            elif isinstance(value, tuple):
                fields[key] = "list"
            elif isinstance(value, Decimal):
                fields[key] = "number"
    subs = [d.submission(sid) for d, sid in zip(ordered, ids, strict=True)]
    return Edition.from_records(
        id=edition_id,
        ruleset=rs.id,
        year=year,
        title=meta["title"],
        notes=meta["notes"],
        parameters=meta["parameters"] or None,
        fields=fields or None,
        submissions=subs,
        judges=judge_list,
        scores=scores,
        verdicts=verdicts,
    )
