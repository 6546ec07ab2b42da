"""Demo courses, webinars and policy articles (Indonesian), for ``seed_demo``.

Plain data: ``courses.demo`` turns it into pages. The text is written for
the demo; regulation summaries keep to well-known facts and say so where a
document is only an example.
"""

# Block helpers: each returns one raw StreamField block (type, value).


def heading(text):
    return ("heading", text)


def text(*paragraphs):
    return ("paragraph", "".join(f"<p>{p}</p>" for p in paragraphs))


def bullets(*items, intro=None):
    html = f"<p>{intro}</p>" if intro else ""
    return (
        "paragraph",
        html + "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    )


def callout(kind, title, body):
    return ("callout", {"kind": kind, "title": title, "text": f"<p>{body}</p>"})


def image(key, alt, caption=""):
    # ``key`` names a generated demo image; demo.py swaps in its id.
    return ("image", {"image": key, "alt_text": alt, "caption": caption})


def document(key, label):
    return ("document", {"document": key, "label": label})


def single(question, options, correct, explanation, points=1):
    return (
        "single_choice",
        {
            "question": f"<p>{question}</p>",
            "explanation": f"<p>{explanation}</p>",
            "points": points,
            "options": [
                {"text": option, "correct": index == correct}
                for index, option in enumerate(options)
            ],
        },
    )


def multiple(question, options, correct, explanation, scoring="all_or_nothing"):
    return (
        "multiple_choice",
        {
            "question": f"<p>{question}</p>",
            "explanation": f"<p>{explanation}</p>",
            "points": 2,
            "scoring": scoring,
            "options": [
                {"text": option, "correct": index in correct}
                for index, option in enumerate(options)
            ],
        },
    )


def true_false(statement, answer, explanation):
    return (
        "true_false",
        {
            "question": f"<p>{statement}</p>",
            "explanation": f"<p>{explanation}</p>",
            "points": 1,
            "correct_answer": "true" if answer else "false",
        },
    )


def short_text(question, answers, explanation):
    return (
        "short_text",
        {
            "question": f"<p>{question}</p>",
            "explanation": f"<p>{explanation}</p>",
            "points": 1,
            "accepted_answers": list(answers),
        },
    )


COURSE_INDEX = {
    "slug": "kursus",
    "title": "Katalog Kursus",
    "intro": (
        "<p>Kursus daring untuk pengembangan kompetensi teknis, manajerial, dan "
        "sosial kultural. Setiap kursus yang selesai menambah JP tahunan Anda.</p>"
    ),
}
WEBINAR_INDEX = {
    "slug": "webinar",
    "title": "Webinar",
    "intro": (
        "<p>Sesi daring bersama narasumber. Peserta yang hadir mendapat JP "
        "sesuai ketentuan setiap webinar.</p>"
    ),
}
POLICY_INDEX = {
    "slug": "kebijakan",
    "title": "Kebijakan dan Regulasi",
    "intro": (
        "<p>Penjelasan singkat peraturan yang mengatur pengembangan kompetensi "
        "ASN, dengan bahasa sehari-hari.</p>"
    ),
}

# Colours of the generated covers (R, G, B).
COVER_COLOURS = {
    "literasi": (11, 93, 75),
    "pelayanan": (21, 101, 192),
    "anggaran": (142, 68, 173),
    "integritas": (176, 58, 46),
    "moderasi": (202, 111, 30),
    "kepemimpinan": (46, 64, 87),
}

COURSES = [
    {
        "slug": "literasi-digital-bagi-asn",
        "title": "Literasi Digital bagi ASN",
        "cover": "literasi",
        "summary": (
            "Dasar-dasar bekerja aman dan cerdas di ruang digital: menjaga akun "
            "dan data, mengenali hoaks, serta beretika di media sosial sebagai "
            "aparatur negara."
        ),
        "objectives": [
            "Menjelaskan manfaat layanan pemerintahan berbasis elektronik bagi "
            "masyarakat.",
            "Melindungi akun kerja dengan kata sandi kuat dan verifikasi dua langkah.",
            "Memeriksa kebenaran informasi sebelum membagikannya.",
        ],
        "competency_type": "teknis",
        "managerial_competency": "",
        "level": 1,
        "jp": "4",
        "minutes": 180,
        "target": "Semua ASN, terutama pelaksana dan pejabat fungsional",
        "tags": ["Literasi digital", "Keamanan informasi"],
        "trainers": ["pelatih"],
        "modules": [
            {
                "slug": "ruang-digital-pemerintahan",
                "title": "Mengenal Ruang Digital Pemerintahan",
                "intro": "Mengapa layanan digital penting, juga di daerah yang "
                "sinyalnya lemah.",
                "minutes": 30,
                "body": [
                    heading("Layanan yang datang ke warga"),
                    text(
                        "Pemerintahan berbasis elektronik memindahkan sebagian "
                        "antrean dari loket ke layar ponsel. Warga tidak perlu "
                        "menempuh perjalanan jauh hanya untuk menanyakan status "
                        "berkas, dan petugas dapat melacak permohonan tanpa "
                        "membuka tumpukan map.",
                        "Bagi ASN, perubahan ini berarti cara kerja baru: data "
                        "dicatat sekali dan dipakai bersama, dokumen ditandatangani "
                        "secara elektronik, dan rapat dapat diikuti dari kantor "
                        "yang berjauhan.",
                    ),
                    image(
                        "diagram-layanan",
                        "Diagram tiga langkah: warga mengajukan dari ponsel, "
                        "petugas memproses, warga menerima notifikasi.",
                        "Alur sederhana layanan digital.",
                    ),
                    heading("Bekerja dengan sinyal terbatas"),
                    text(
                        "Banyak kantor di daerah 3T masih mengandalkan jaringan "
                        "seluler yang putus-sambung. Kebiasaan kecil membantu: "
                        "unduh materi saat sinyal bagus, kirim berkas dalam ukuran "
                        "kecil, dan simpan salinan kerja di perangkat."
                    ),
                    callout(
                        "tip",
                        "Hemat kuota",
                        "Matikan putar otomatis video di aplikasi pesan dan media "
                        "sosial. Video baru diunduh ketika Anda memang ingin "
                        "menontonnya.",
                    ),
                ],
            },
            {
                "slug": "keamanan-akun-dan-data",
                "title": "Menjaga Keamanan Akun dan Data",
                "intro": "Kata sandi, verifikasi dua langkah, dan mengenali "
                "pesan penipuan.",
                "minutes": 45,
                "quiz": {"time_limit": 10, "max_attempts": 3},
                "body": [
                    heading("Akun kerja adalah pintu kantor"),
                    text(
                        "Siapa pun yang menguasai akun surel atau aplikasi "
                        "kepegawaian Anda dapat bertindak atas nama Anda. "
                        "Karena itu akun kerja perlu dijaga seperti kunci "
                        "ruang arsip.",
                    ),
                    bullets(
                        "Gunakan frasa sandi yang panjang, misalnya gabungan "
                        "empat kata acak.",
                        "Jangan memakai sandi yang sama untuk akun kerja dan "
                        "akun pribadi.",
                        "Aktifkan verifikasi dua langkah bila tersedia.",
                        "Jangan pernah memberikan kode OTP kepada siapa pun, "
                        "termasuk yang mengaku petugas.",
                        intro="Empat kebiasaan dasar:",
                    ),
                    heading("Mengenali pesan penipuan"),
                    text(
                        "Pesan penipuan biasanya mendesak (\u201cakun Anda "
                        "diblokir hari ini\u201d), meminta data rahasia, atau "
                        "membawa tautan dan berkas yang tidak Anda tunggu. "
                        "Periksa alamat pengirim dan hubungi instansi lewat "
                        "nomor resmi bila ragu.",
                    ),
                    callout(
                        "warning",
                        "Berkas APK",
                        "Jangan memasang aplikasi dari berkas APK yang dikirim "
                        "lewat pesan singkat, walaupun tampak seperti undangan "
                        "atau surat resmi.",
                    ),
                    single(
                        "Anda menerima pesan: \u201cSegera klik tautan ini agar "
                        "gaji bulan ini tidak ditunda.\u201d Apa langkah yang "
                        "paling tepat?",
                        [
                            "Klik tautan untuk memastikan",
                            "Teruskan ke rekan agar mereka waspada dan klik bersama",
                            "Abaikan tautan dan konfirmasi lewat saluran resmi "
                            "bagian keuangan",
                            "Balas pesan dengan NIP Anda",
                        ],
                        2,
                        "Pesan yang mendesak dan membawa tautan adalah ciri khas "
                        "penipuan. Konfirmasi selalu lewat saluran resmi.",
                    ),
                    multiple(
                        "Mana saja ciri frasa sandi yang kuat?",
                        [
                            "Panjang, misalnya 16 karakter atau lebih",
                            "Berisi tanggal lahir agar mudah diingat",
                            "Tidak dipakai di akun lain",
                            "Sulit ditebak orang yang mengenal Anda",
                        ],
                        {0, 2, 3},
                        "Panjang, unik, dan tidak berkaitan dengan data pribadi. "
                        "Tanggal lahir mudah ditebak.",
                        scoring="partial",
                    ),
                    true_false(
                        "Petugas resmi boleh meminta kode OTP Anda lewat telepon "
                        "untuk memperbaiki akun.",
                        False,
                        "Kode OTP hanya untuk Anda. Petugas resmi tidak pernah "
                        "memintanya.",
                    ),
                    short_text(
                        "Kode sekali pakai yang dikirim lewat SMS atau aplikasi "
                        "disebut kode ... (tulis singkatannya).",
                        ["OTP", "One Time Password"],
                        "OTP (one-time password) berlaku sekali dan dalam waktu "
                        "singkat.",
                    ),
                ],
            },
            {
                "slug": "etika-bermedia-sosial",
                "title": "Etika Bermedia Sosial bagi ASN",
                "intro": "Menjaga netralitas dan memeriksa informasi sebelum "
                "membagikannya.",
                "minutes": 40,
                "body": [
                    heading("Pribadi, tetapi tetap aparatur"),
                    text(
                        "Akun media sosial pribadi tetap dibaca publik sebagai "
                        "suara seorang ASN. Unggahan yang merendahkan kelompok "
                        "lain, menyebarkan kabar belum pasti, atau memihak "
                        "peserta pemilu dapat merusak kepercayaan masyarakat.",
                    ),
                    heading("Saring sebelum berbagi"),
                    bullets(
                        "Siapa sumbernya, dan apakah sumber itu dapat dihubungi?",
                        "Apakah media lain yang kredibel memberitakan hal yang sama?",
                        "Apakah judulnya memancing emosi?",
                        "Kapan kejadian itu sebenarnya terjadi?",
                        intro="Empat pertanyaan sebelum menekan tombol bagikan:",
                    ),
                    callout(
                        "note",
                        "Netralitas",
                        "ASN wajib netral dalam pemilu dan pilkada. Menyukai atau "
                        "membagikan materi kampanye pun dapat dipersoalkan.",
                    ),
                    true_false(
                        "Membagikan berita tanpa memeriksa sumbernya tidak "
                        "menjadi masalah selama niatnya baik.",
                        False,
                        "Niat baik tidak mencegah kerugian dari berita palsu. "
                        "Periksa dulu, bagikan kemudian.",
                    ),
                    single(
                        "Manakah tanda yang paling kuat bahwa sebuah kabar perlu "
                        "diperiksa lebih dulu?",
                        [
                            "Dimuat di situs resmi instansi",
                            "Judulnya memancing marah dan tanpa sumber jelas",
                            "Memuat tanggal dan nama narasumber",
                        ],
                        1,
                        "Judul yang memancing emosi tanpa sumber jelas adalah "
                        "ciri umum hoaks.",
                    ),
                ],
            },
            {
                "slug": "belajar-hemat-data",
                "title": "Belajar Hemat Data di Daerah 3T",
                "intro": "Pengayaan: cara mengikuti kursus daring dengan kuota "
                "dan sinyal terbatas.",
                "minutes": 15,
                "required": False,
                "body": [
                    text(
                        "Halaman kursus ini dibuat ringan: teks lebih dulu, gambar "
                        "kecil, dan video tidak diputar otomatis. Anda dapat "
                        "membaca materi saat sinyal lemah dan menonton video "
                        "ketika terhubung ke Wi-Fi kantor.",
                    ),
                    bullets(
                        "Buka materi saat sinyal bagus, lalu baca tanpa terburu-buru.",
                        "Pilih versi video beresolusi rendah bila tersedia.",
                        "Transkrip video memuat isi yang sama dengan ukuran jauh "
                        "lebih kecil.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "pelayanan-publik-prima",
        "title": "Pelayanan Publik Prima",
        "cover": "pelayanan",
        "summary": (
            "Menyusun dan menjalankan standar pelayanan, mengukur kepuasan "
            "masyarakat dengan SKM, dan menangani pengaduan sebagai bahan "
            "perbaikan."
        ),
        "objectives": [
            "Menjelaskan komponen standar pelayanan di unit kerja.",
            "Menghitung dan membaca indeks kepuasan masyarakat.",
            "Menangani pengaduan dengan cepat, adil, dan terdokumentasi.",
        ],
        "competency_type": "manajerial",
        "managerial_competency": "pelayanan_publik",
        "level": 2,
        "jp": "6",
        "minutes": 270,
        "target": "Petugas dan pengawas unit layanan",
        "tags": ["Pelayanan publik", "SKM"],
        "trainers": ["pelatih"],
        "modules": [
            {
                "slug": "standar-pelayanan",
                "title": "Standar Pelayanan di Unit Kerja",
                "intro": "Apa yang dijanjikan kepada warga, dan bagaimana "
                "menuliskannya.",
                "minutes": 45,
                "body": [
                    heading("Janji yang dapat diperiksa"),
                    text(
                        "Standar pelayanan adalah janji tertulis unit layanan "
                        "kepada masyarakat: persyaratan, prosedur, waktu, biaya, "
                        "dan produk layanan. Janji yang jelas memudahkan warga "
                        "dan melindungi petugas dari permintaan di luar aturan.",
                        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan "
                        "Publik mewajibkan penyelenggara menyusun dan "
                        "menetapkan standar pelayanan dengan melibatkan "
                        "masyarakat.",
                    ),
                    callout(
                        "tip",
                        "Tempel di tempat yang terlihat",
                        "Pasang standar pelayanan di ruang tunggu dan di laman "
                        "instansi, dengan bahasa yang mudah dipahami.",
                    ),
                ],
            },
            {
                "slug": "survei-kepuasan-masyarakat",
                "title": "Survei Kepuasan Masyarakat (SKM)",
                "intro": "Sembilan unsur SKM dan cara membaca hasilnya.",
                "minutes": 60,
                "quiz": {"max_attempts": 0, "show_answers": "always"},
                "body": [
                    heading("Sembilan unsur"),
                    bullets(
                        "Persyaratan",
                        "Sistem, mekanisme, dan prosedur",
                        "Waktu penyelesaian",
                        "Biaya/tarif",
                        "Produk spesifikasi jenis pelayanan",
                        "Kompetensi pelaksana",
                        "Perilaku pelaksana",
                        "Sarana dan prasarana",
                        "Penanganan pengaduan, saran, dan masukan",
                        intro="Responden menilai setiap unsur dengan skala 1 sampai 4:",
                    ),
                    heading("Menghitung indeks"),
                    text(
                        "Nilai rata-rata setiap unsur dikalikan bobot yang sama "
                        "(0,111), dijumlahkan, lalu dikalikan 25 sehingga indeks "
                        "berada pada rentang 25 sampai 100. Mutu pelayanan A "
                        "berarti sangat baik (88,31\u2013100), B baik "
                        "(76,61\u201388,30), C kurang baik (65,00\u201376,60), dan "
                        "D tidak baik (25,00\u201364,99).",
                    ),
                    callout(
                        "note",
                        "Dari angka ke perbaikan",
                        "Unsur dengan nilai terendah adalah titik awal rencana "
                        "perbaikan. Umumkan hasil survei dan tindak lanjutnya "
                        "kepada masyarakat.",
                    ),
                    multiple(
                        "Mana saja yang termasuk unsur SKM?",
                        [
                            "Waktu penyelesaian",
                            "Perilaku pelaksana",
                            "Jumlah pegawai di unit",
                            "Penanganan pengaduan, saran, dan masukan",
                        ],
                        {0, 1, 3},
                        "Jumlah pegawai bukan unsur SKM; tiga lainnya termasuk "
                        "sembilan unsur.",
                    ),
                    single(
                        "Berapa rentang skala jawaban setiap unsur SKM?",
                        ["1 sampai 3", "1 sampai 4", "1 sampai 5", "0 sampai 10"],
                        1,
                        "Setiap unsur dinilai dengan skala 1 sampai 4.",
                    ),
                    true_false(
                        "Indeks SKM 90 termasuk mutu pelayanan A (sangat baik).",
                        True,
                        "Rentang A adalah 88,31 sampai 100.",
                    ),
                ],
            },
            {
                "slug": "menangani-pengaduan",
                "title": "Menangani Pengaduan",
                "intro": "Pengaduan adalah masukan gratis: terima, catat, "
                "tindak lanjuti.",
                "minutes": 45,
                "body": [
                    heading("Lima langkah"),
                    bullets(
                        "Terima dengan sopan dan dengarkan sampai selesai.",
                        "Catat pengaduan dan beri nomor agar dapat dilacak.",
                        "Teruskan ke pihak yang berwenang dalam waktu yang dijanjikan.",
                        "Kabari pengadu tentang perkembangan dan hasilnya.",
                        "Gunakan rekap pengaduan untuk memperbaiki standar pelayanan.",
                    ),
                    callout(
                        "warning",
                        "Jangan membalas di media sosial dengan emosi",
                        "Tanggapi keluhan publik dengan fakta dan arahkan ke "
                        "saluran pengaduan resmi.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "penyusunan-anggaran-berbasis-kinerja",
        "title": "Penyusunan Anggaran Berbasis Kinerja",
        "cover": "anggaran",
        "summary": (
            "Menghubungkan setiap rupiah anggaran dengan hasil yang dirasakan "
            "masyarakat: logika program, indikator kinerja, dan penyusunan "
            "rincian anggaran."
        ),
        "objectives": [
            "Membedakan masukan, keluaran, dan hasil.",
            "Merumuskan indikator kinerja yang terukur.",
            "Menelusuri kaitan kegiatan, anggaran, dan sasaran strategis.",
        ],
        "competency_type": "teknis",
        "managerial_competency": "",
        "level": 3,
        "jp": "8",
        "minutes": 360,
        "target": "Perencana, pengelola keuangan, dan pejabat pengawas",
        "tags": ["Perencanaan", "Keuangan daerah"],
        "trainers": ["pelatih2"],
        "enrolment": "assigned",
        "modules": [
            {
                "slug": "logika-kinerja",
                "title": "Logika Kinerja: Masukan, Keluaran, Hasil",
                "intro": "Rantai sebab-akibat dari anggaran sampai manfaat.",
                "minutes": 60,
                "quiz": {"shuffle_questions": True},
                "body": [
                    heading("Dari belanja ke manfaat"),
                    text(
                        "Anggaran berbasis kinerja menanyakan bukan hanya "
                        "\u201cuang dipakai untuk apa\u201d, tetapi juga "
                        "\u201capa yang berubah karenanya\u201d. Masukan (dana, "
                        "pegawai, peralatan) diolah menjadi keluaran (pelatihan "
                        "terlaksana, jalan terbangun), yang diharapkan "
                        "menghasilkan perubahan (angka kelulusan naik, waktu "
                        "tempuh turun).",
                    ),
                    callout(
                        "note",
                        "Contoh",
                        "Keluaran: 40 kader posyandu dilatih. Hasil: cakupan "
                        "penimbangan balita naik dari 60% menjadi 80%.",
                    ),
                    single(
                        "\u201cWaktu tempuh warga ke puskesmas turun 30 "
                        "menit\u201d adalah contoh ...",
                        ["masukan", "keluaran", "hasil (outcome)"],
                        2,
                        "Perubahan yang dirasakan masyarakat adalah hasil.",
                    ),
                    single(
                        "\u201cTiga unit ambulans dibeli\u201d adalah contoh ...",
                        ["masukan", "keluaran", "hasil (outcome)"],
                        1,
                        "Barang atau jasa yang dihasilkan kegiatan adalah keluaran.",
                    ),
                ],
            },
            {
                "slug": "indikator-kinerja",
                "title": "Merumuskan Indikator Kinerja",
                "intro": "Indikator yang spesifik, terukur, dan punya target waktu.",
                "minutes": 60,
                "body": [
                    text(
                        "Indikator yang baik menyebut apa yang diukur, satuannya, "
                        "sumber datanya, dan kapan target harus tercapai. "
                        "\u201cMeningkatnya kualitas layanan\u201d belum dapat "
                        "diukur; \u201cpersentase permohonan KTP selesai dalam "
                        "satu hari\u201d dapat diukur.",
                    ),
                    callout(
                        "tip",
                        "Uji sederhana",
                        "Tanyakan: bisakah dua orang berbeda menghitung indikator "
                        "ini dan mendapat angka yang sama?",
                    ),
                ],
            },
            {
                "slug": "menyusun-rincian-anggaran",
                "title": "Menyusun Rincian Anggaran",
                "intro": "Menelusuri setiap rincian belanja ke keluarannya.",
                "minutes": 90,
                "body": [
                    text(
                        "Setiap baris rincian belanja sebaiknya dapat ditelusuri "
                        "ke satu keluaran. Belanja yang tidak mendukung keluaran "
                        "mana pun patut dipertanyakan sejak tahap perencanaan.",
                    ),
                    bullets(
                        "Mulai dari sasaran dan indikator, bukan dari pagu tahun lalu.",
                        "Hitung kebutuhan dengan standar harga yang berlaku.",
                        "Catat asumsi agar mudah ditinjau ulang.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "integritas-dan-antikorupsi",
        "title": "Integritas dan Antikorupsi",
        "cover": "integritas",
        "summary": (
            "Mengenali gratifikasi dan konflik kepentingan dalam pekerjaan "
            "sehari-hari, serta tahu kapan dan ke mana harus melapor."
        ),
        "objectives": [
            "Menjelaskan arti integritas dalam tugas pelayanan.",
            "Mengenali gratifikasi dan kewajiban melaporkannya.",
            "Mengelola konflik kepentingan.",
        ],
        "competency_type": "manajerial",
        "managerial_competency": "integritas",
        "level": 2,
        "jp": "4",
        "minutes": 180,
        "target": "Semua ASN",
        "tags": ["Integritas", "Antikorupsi"],
        "trainers": ["pelatih"],
        "modules": [
            {
                "slug": "makna-integritas",
                "title": "Makna Integritas",
                "intro": "Bertindak sama, baik ketika diawasi maupun tidak.",
                "minutes": 30,
                "body": [
                    text(
                        "Integritas adalah keselarasan antara nilai, kata, dan "
                        "perbuatan. Bagi ASN, integritas terlihat dari hal "
                        "kecil: datang tepat waktu, tidak memakai fasilitas "
                        "kantor untuk urusan pribadi, dan memperlakukan semua "
                        "warga dengan setara.",
                    ),
                    document("lembar-refleksi", "Lembar refleksi integritas"),
                ],
            },
            {
                "slug": "gratifikasi",
                "title": "Gratifikasi: Mengenali dan Melaporkan",
                "intro": "Pemberian yang berhubungan dengan jabatan wajib dilaporkan.",
                "minutes": 60,
                "quiz": {"pass_mark": 80, "show_answers": "passed"},
                "body": [
                    heading("Apa itu gratifikasi"),
                    text(
                        "Gratifikasi adalah pemberian dalam arti luas: uang, "
                        "barang, diskon, tiket perjalanan, atau fasilitas "
                        "lainnya. Gratifikasi kepada pegawai negeri yang "
                        "berhubungan dengan jabatan dan berlawanan dengan "
                        "kewajiban atau tugasnya dianggap suap, kecuali "
                        "dilaporkan kepada KPK paling lambat 30 hari kerja "
                        "sejak diterima.",
                    ),
                    callout(
                        "warning",
                        "Ragu? Tolak atau laporkan",
                        "Jika tidak yakin apakah sebuah pemberian boleh "
                        "diterima, tolak dengan sopan. Jika sudah terlanjur "
                        "diterima, laporkan.",
                    ),
                    single(
                        "Berapa lama batas waktu melaporkan gratifikasi kepada "
                        "KPK sejak diterima?",
                        ["7 hari kerja", "14 hari kalender", "30 hari kerja"],
                        2,
                        "Batasnya 30 hari kerja sejak gratifikasi diterima.",
                    ),
                    true_false(
                        "Parsel dari pemohon izin yang berkasnya sedang Anda "
                        "proses boleh diterima asalkan nilainya kecil.",
                        False,
                        "Pemberian dari pihak yang berkepentingan dengan "
                        "keputusan Anda berhubungan dengan jabatan; tolak atau "
                        "laporkan.",
                    ),
                    short_text(
                        "Lembaga yang menerima laporan gratifikasi disingkat ...",
                        ["KPK", "Komisi Pemberantasan Korupsi"],
                        "Laporan gratifikasi disampaikan kepada KPK.",
                    ),
                ],
            },
            {
                "slug": "konflik-kepentingan",
                "title": "Mengelola Konflik Kepentingan",
                "intro": "Ketika kepentingan pribadi dapat memengaruhi "
                "keputusan dinas.",
                "minutes": 45,
                "body": [
                    text(
                        "Konflik kepentingan muncul ketika keputusan dinas dapat "
                        "menguntungkan diri sendiri, keluarga, atau kelompok. "
                        "Memiliki konflik kepentingan bukan pelanggaran; "
                        "menyembunyikannya adalah masalah.",
                    ),
                    bullets(
                        "Nyatakan konflik kepentingan kepada atasan.",
                        "Mundur dari proses keputusan yang bersangkutan.",
                        "Catat pernyataan tersebut.",
                        intro="Langkah yang dianjurkan:",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "moderasi-beragama-dan-wawasan-kebangsaan",
        "title": "Moderasi Beragama dan Wawasan Kebangsaan",
        "cover": "moderasi",
        "summary": (
            "Melayani masyarakat yang beragam dengan adil: nilai kebangsaan, "
            "sikap moderat dalam beragama, dan kepekaan budaya setempat."
        ),
        "objectives": [
            "Menjelaskan empat konsensus dasar berbangsa.",
            "Mengenali empat indikator moderasi beragama.",
            "Melayani warga tanpa membedakan latar belakang.",
        ],
        "competency_type": "sosial_kultural",
        "managerial_competency": "",
        "level": 2,
        "jp": "4",
        "minutes": 180,
        "target": "Semua ASN",
        "tags": ["Wawasan kebangsaan", "Moderasi beragama"],
        "trainers": ["pelatih2", "pelatih"],
        "modules": [
            {
                "slug": "konsensus-kebangsaan",
                "title": "Konsensus Dasar Berbangsa",
                "intro": "Pancasila, UUD 1945, NKRI, dan Bhinneka Tunggal Ika.",
                "minutes": 45,
                "body": [
                    text(
                        "Empat konsensus dasar menjadi pegangan bersama di "
                        "tengah keberagaman: Pancasila sebagai dasar negara, "
                        "UUD 1945 sebagai konstitusi, Negara Kesatuan Republik "
                        "Indonesia sebagai bentuk negara, dan Bhinneka Tunggal "
                        "Ika sebagai semboyan persatuan.",
                        "ASN menjalankan nilai-nilai itu saat melayani: setiap "
                        "warga mendapat perlakuan yang sama, apa pun suku, "
                        "agama, dan daerah asalnya.",
                    ),
                ],
            },
            {
                "slug": "moderasi-beragama",
                "title": "Empat Indikator Moderasi Beragama",
                "intro": "Cara beragama yang adil, berimbang, dan menghormati sesama.",
                "minutes": 45,
                "body": [
                    bullets(
                        "Komitmen kebangsaan",
                        "Toleransi",
                        "Antikekerasan",
                        "Penerimaan terhadap tradisi dan budaya lokal",
                        intro="Moderasi beragama sering diukur dengan empat indikator:",
                    ),
                    callout(
                        "note",
                        "Di tempat kerja",
                        "Beri ruang dan waktu ibadah yang adil bagi semua "
                        "pegawai, dan hindari candaan yang menyinggung keyakinan "
                        "orang lain.",
                    ),
                    multiple(
                        "Mana saja yang termasuk indikator moderasi beragama?",
                        [
                            "Toleransi",
                            "Antikekerasan",
                            "Keseragaman cara beribadah",
                            "Komitmen kebangsaan",
                        ],
                        {0, 1, 3},
                        "Moderasi menghargai perbedaan, bukan menuntut keseragaman.",
                    ),
                ],
            },
            {
                "slug": "melayani-masyarakat-beragam",
                "title": "Melayani Masyarakat yang Beragam",
                "intro": "Bahasa, adat, dan kebutuhan khusus warga.",
                "minutes": 30,
                "body": [
                    text(
                        "Di banyak daerah, warga lebih nyaman berbicara dalam "
                        "bahasa daerah. Petugas yang mau mendengar dan "
                        "menjelaskan dengan sabar membuat layanan lebih mudah "
                        "diakses, termasuk bagi warga lanjut usia dan penyandang "
                        "disabilitas.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "kepemimpinan-pengawas",
        "title": "Kepemimpinan Pengawas",
        "cover": "kepemimpinan",
        "summary": (
            "Untuk pejabat pengawas: membimbing tim lewat coaching dan "
            "mentoring, memberi umpan balik, dan mengambil keputusan yang "
            "dapat dipertanggungjawabkan."
        ),
        "objectives": [
            "Menjalankan percakapan coaching singkat dengan anggota tim.",
            "Memberi umpan balik yang spesifik dan membangun.",
            "Mengambil keputusan berdasarkan data dan mencatat alasannya.",
        ],
        "competency_type": "manajerial",
        "managerial_competency": "pengembangan_diri",
        "level": 3,
        "jp": "6",
        "minutes": 270,
        "target": "Pejabat pengawas dan calon pengawas",
        "tags": ["Kepemimpinan", "Coaching dan mentoring"],
        "trainers": ["pelatih"],
        "prerequisites": ["integritas-dan-antikorupsi", "pelayanan-publik-prima"],
        "modules": [
            {
                "slug": "peran-pengawas",
                "title": "Peran Pengawas dalam Tim",
                "intro": "Dari pelaksana terbaik menjadi pembina tim.",
                "minutes": 40,
                "body": [
                    text(
                        "Pengawas memimpin pelaksanaan kegiatan sehari-hari. "
                        "Keberhasilannya tidak lagi diukur dari pekerjaan yang "
                        "ia kerjakan sendiri, tetapi dari kinerja dan "
                        "perkembangan anggota timnya.",
                    ),
                ],
            },
            {
                "slug": "coaching-dan-mentoring",
                "title": "Coaching dan Mentoring",
                "intro": "Dua cara membimbing yang saling melengkapi.",
                "minutes": 60,
                "quiz": {"shuffle_questions": True, "show_answers": "passed"},
                "body": [
                    heading("Bedanya"),
                    text(
                        "Dalam mentoring, ASN senior berbagi pengalaman dan "
                        "nasihat. Dalam coaching, pembimbing lebih banyak "
                        "bertanya agar anggota tim menemukan sendiri "
                        "jalan keluarnya.",
                    ),
                    bullets(
                        "Tujuan: apa yang ingin dicapai?",
                        "Kenyataan: apa yang terjadi sekarang?",
                        "Pilihan: apa saja yang bisa dilakukan?",
                        "Kemauan: langkah apa yang akan diambil, dan kapan?",
                        intro="Percakapan coaching singkat dapat mengikuti "
                        "empat tahap:",
                    ),
                    callout(
                        "tip",
                        "Lima belas menit seminggu",
                        "Percakapan singkat yang rutin lebih berguna daripada "
                        "satu pertemuan panjang setahun sekali.",
                    ),
                    single(
                        "Dalam coaching, pembimbing terutama ...",
                        [
                            "memberi instruksi langkah demi langkah",
                            "bertanya untuk membantu anggota tim menemukan "
                            "jalannya sendiri",
                            "menilai kinerja untuk kenaikan pangkat",
                        ],
                        1,
                        "Coaching bertumpu pada pertanyaan; mentoring lebih "
                        "banyak berbagi pengalaman.",
                    ),
                    true_false(
                        "Mentoring biasanya dilakukan oleh ASN yang lebih "
                        "berpengalaman.",
                        True,
                        "Mentor berbagi pengalaman dan jejaring kepada yang "
                        "lebih junior.",
                    ),
                ],
            },
            {
                "slug": "umpan-balik",
                "title": "Memberi Umpan Balik",
                "intro": "Spesifik, tepat waktu, dan berfokus pada perilaku.",
                "minutes": 40,
                "body": [
                    text(
                        "Umpan balik yang berguna menyebut situasi, perilaku "
                        "yang terlihat, dan dampaknya. \u201cDalam rapat tadi, "
                        "rekap data yang Anda siapkan membuat keputusan lebih "
                        "cepat\u201d lebih berguna daripada \u201ckerja "
                        "bagus\u201d.",
                    ),
                ],
            },
            {
                "slug": "mengambil-keputusan",
                "title": "Mengambil Keputusan",
                "intro": "Pengayaan: memutuskan dengan data dan mencatat alasannya.",
                "minutes": 30,
                "required": False,
                "body": [
                    bullets(
                        "Rumuskan masalahnya dalam satu kalimat.",
                        "Kumpulkan data yang cukup, bukan sempurna.",
                        "Bandingkan paling sedikit dua pilihan.",
                        "Catat keputusan dan alasannya, lalu tinjau hasilnya.",
                    ),
                ],
            },
        ],
    },
]

# Webinars: start as (days from today, "HH:MM", zone); length in minutes.
WEBINARS = [
    {
        "slug": "transformasi-pengembangan-kompetensi",
        "title": "Transformasi Pengembangan Kompetensi ASN",
        "start": (-21, "09:00", "Asia/Jakarta"),
        "minutes": 120,
        "platform": "zoom",
        "capacity": 500,
        "jp": "2",
        "description": (
            "<p>Diskusi tentang pembelajaran terintegrasi bagi ASN: bagaimana "
            "pelatihan klasikal dan nonklasikal dicatat dan dihitung sebagai "
            "JP.</p>"
        ),
        "speakers": [
            ("Dra. Maria Goreti Ndun, M.Pd.", "Widyaiswara Ahli Madya"),
            ("Yosef Manek, S.E.", "Analis SDM Aparatur"),
        ],
        "recording": "https://video.belajar.example/rekaman/transformasi-bangkom",
        "tags": ["Pengembangan kompetensi"],
        "trainers": ["pelatih"],
    },
    {
        "slug": "skm-dari-data-ke-perbaikan",
        "title": "SKM: Dari Data ke Perbaikan Layanan",
        "start": (-8, "10:00", "Asia/Makassar"),
        "minutes": 90,
        "platform": "meet",
        "capacity": 300,
        "jp": "2",
        "description": (
            "<p>Berbagi praktik unit layanan yang memakai hasil Survei "
            "Kepuasan Masyarakat untuk memperbaiki standar pelayanan.</p>"
        ),
        "speakers": [("Dra. Maria Goreti Ndun, M.Pd.", "Widyaiswara Ahli Madya")],
        "recording": "",
        "tags": ["Pelayanan publik", "SKM"],
        "trainers": ["pelatih"],
    },
    {
        "slug": "coaching-untuk-pengawas-di-papua",
        "title": "Coaching untuk Pengawas di Papua",
        "start": (5, "13:00", "Asia/Jayapura"),
        "minutes": 120,
        "platform": "zoom",
        "capacity": 100,
        "jp": "2",
        "description": (
            "<p>Praktik coaching singkat bagi pejabat pengawas yang memimpin "
            "tim di wilayah dengan jaringan terbatas.</p>"
        ),
        "speakers": [("Hendrik Rumbiak, S.Sos., M.AP.", "Widyaiswara Ahli Muda")],
        "join": "https://meet.belajar.example/coaching-papua",
        "tags": ["Kepemimpinan", "Coaching dan mentoring"],
        "trainers": ["pelatih2"],
    },
    {
        "slug": "keamanan-digital-di-kantor-pemerintah",
        "title": "Keamanan Digital di Kantor Pemerintah",
        "start": (12, "09:00", "Asia/Jakarta"),
        "minutes": 90,
        "platform": "youtube",
        "capacity": None,
        "jp": "1.5",
        "description": (
            "<p>Tanya jawab tentang penipuan daring yang menyasar pegawai "
            "pemerintah dan cara melindungi akun kerja.</p>"
        ),
        "speakers": [("Dra. Maria Goreti Ndun, M.Pd.", "Widyaiswara Ahli Madya")],
        "join": "https://live.belajar.example/keamanan-digital",
        "tags": ["Literasi digital", "Keamanan informasi"],
        "trainers": ["pelatih"],
    },
]

POLICIES = [
    {
        "slug": "uu-20-2023-asn",
        "title": "UU ASN 2023: Belajar Menjadi Hak dan Kewajiban",
        "type": "uu",
        "issuer": "",
        "number": "20",
        "year": 2023,
        "about": "Aparatur Sipil Negara",
        "status": "berlaku",
        "summary": (
            "Undang-undang ASN yang baru menggantikan UU Nomor 5 Tahun 2014. "
            "Salah satu pesannya: pengembangan kompetensi dilakukan terus-menerus "
            "melalui sistem pembelajaran terintegrasi, sehingga belajar bukan "
            "lagi kegiatan sesekali, melainkan bagian dari pekerjaan setiap ASN."
        ),
        "body": [
            heading("Yang berubah bagi Anda"),
            text(
                "Pengembangan kompetensi tidak lagi identik dengan mengikuti "
                "pelatihan di kelas. Belajar dari pekerjaan, dari rekan, dan dari "
                "kursus daring diakui sebagai bagian dari pengembangan "
                "kompetensi yang terintegrasi."
            ),
        ],
        "related": ["literasi-digital-bagi-asn", "kepemimpinan-pengawas"],
        "tags": ["Pengembangan kompetensi", "Manajemen ASN"],
    },
    {
        "slug": "uu-5-2014-asn",
        "title": "UU ASN 2014 (Sudah Dicabut)",
        "type": "uu",
        "issuer": "",
        "number": "5",
        "year": 2014,
        "about": "Aparatur Sipil Negara",
        "status": "dicabut",
        "summary": (
            "Undang-undang ASN yang lama, dicabut dan digantikan oleh UU Nomor "
            "20 Tahun 2023. Halaman ini disimpan sebagai rujukan sejarah; "
            "gunakan UU yang baru untuk keperluan dinas."
        ),
        "body": [],
        "related": [],
        "tags": ["Manajemen ASN"],
    },
    {
        "slug": "pp-11-2017-manajemen-pns",
        "title": "PP Manajemen PNS: Hak atas 20 JP per Tahun",
        "type": "pp",
        "issuer": "",
        "number": "11",
        "year": 2017,
        "about": "Manajemen Pegawai Negeri Sipil",
        "status": "diubah",
        "summary": (
            "Mengatur manajemen PNS dari pengadaan sampai pemberhentian. Untuk "
            "pengembangan kompetensi, setiap PNS memiliki hak dan kesempatan "
            "yang sama untuk diikutsertakan dalam pengembangan kompetensi "
            "paling sedikit 20 jam pelajaran dalam satu tahun. Peraturan ini "
            "telah diubah oleh PP Nomor 17 Tahun 2020."
        ),
        "body": [
            callout(
                "note",
                "20 JP itu apa?",
                "JP (jam pelajaran) adalah satuan waktu belajar. Kursus daring, "
                "webinar, coaching, dan kegiatan belajar lain dapat dihitung "
                "sebagai JP sesuai ketentuan instansi.",
            ),
        ],
        "related": ["literasi-digital-bagi-asn"],
        "tags": ["Pengembangan kompetensi", "Manajemen ASN"],
    },
    {
        "slug": "pp-17-2020-perubahan-pp-11-2017",
        "title": "Perubahan PP Manajemen PNS (2020)",
        "type": "pp",
        "issuer": "",
        "number": "17",
        "year": 2020,
        "about": (
            "Perubahan atas Peraturan Pemerintah Nomor 11 Tahun 2017 tentang "
            "Manajemen Pegawai Negeri Sipil"
        ),
        "status": "berlaku",
        "summary": (
            "Mengubah sejumlah ketentuan PP Nomor 11 Tahun 2017. Ketentuan "
            "tentang hak pengembangan kompetensi paling sedikit 20 JP setahun "
            "tetap berlaku."
        ),
        "body": [],
        "related": [],
        "tags": ["Manajemen ASN"],
    },
    {
        "slug": "perlan-10-2018-pengembangan-kompetensi",
        "title": "Peraturan LAN tentang Pengembangan Kompetensi PNS",
        "type": "perlan",
        "issuer": "",
        "number": "10",
        "year": 2018,
        "about": "Pengembangan Kompetensi Pegawai Negeri Sipil",
        "status": "berlaku",
        "summary": (
            "Menjabarkan cara melaksanakan pengembangan kompetensi PNS, "
            "termasuk jalur pelatihan klasikal (misalnya pelatihan, seminar, "
            "kursus) dan nonklasikal (misalnya e-learning, coaching, "
            "mentoring, magang, dan belajar mandiri)."
        ),
        "body": [
            bullets(
                "Klasikal: pelatihan, seminar, lokakarya, kursus, bimbingan teknis.",
                "Nonklasikal: e-learning, pelatihan jarak jauh, coaching, "
                "mentoring, magang, detasering, belajar mandiri, komunitas "
                "belajar.",
                intro="Dua jalur pengembangan kompetensi:",
            ),
        ],
        "related": ["kepemimpinan-pengawas"],
        "tags": ["Pengembangan kompetensi"],
    },
    {
        "slug": "permenpanrb-38-2017-standar-kompetensi",
        "title": "Standar Kompetensi Jabatan ASN",
        "type": "permen",
        "issuer": "PANRB",
        "number": "38",
        "year": 2017,
        "about": "Standar Kompetensi Jabatan Aparatur Sipil Negara",
        "status": "berlaku",
        "summary": (
            "Menetapkan tiga jenis kompetensi ASN: teknis, manajerial, dan "
            "sosial kultural. Kompetensi manajerial terdiri atas delapan "
            "kompetensi, antara lain integritas, kerja sama, komunikasi, dan "
            "pelayanan publik, masing-masing dengan lima level."
        ),
        "body": [
            bullets(
                "Integritas",
                "Kerja Sama",
                "Komunikasi",
                "Orientasi pada Hasil",
                "Pelayanan Publik",
                "Pengembangan Diri dan Orang Lain",
                "Mengelola Perubahan",
                "Pengambilan Keputusan",
                intro="Delapan kompetensi manajerial:",
            ),
        ],
        "related": [
            "integritas-dan-antikorupsi",
            "pelayanan-publik-prima",
            "kepemimpinan-pengawas",
        ],
        "tags": ["Standar kompetensi"],
    },
    {
        "slug": "se-contoh-pemenuhan-20-jp",
        "title": "Contoh Surat Edaran: Pemenuhan 20 JP di Lingkungan Pemprov",
        "type": "se",
        "issuer": "Kepala BKD (contoh demo)",
        "number": "800/001/BKD",
        "year": 2026,
        "about": (
            "Pemenuhan Hak Pengembangan Kompetensi Paling Sedikit 20 Jam "
            "Pelajaran bagi Pegawai Negeri Sipil"
        ),
        "status": "berlaku",
        "summary": (
            "Surat edaran contoh untuk demo, bukan dokumen resmi. Isinya "
            "meminta setiap perangkat daerah memantau capaian JP pegawainya, "
            "mendorong kursus daring dan coaching, serta melaporkan capaian "
            "setiap triwulan."
        ),
        "body": [
            callout(
                "warning",
                "Dokumen contoh",
                "Nomor dan isi surat edaran ini dibuat untuk demonstrasi aplikasi.",
            ),
        ],
        "related": ["literasi-digital-bagi-asn"],
        "tags": ["Pengembangan kompetensi"],
    },
]
