/*
 * gen-residents: invents residents for demos and tests, as a CSV in the
 * import format of the default ktp-el template, with drawn photos.
 * Every name, NIK and face is made up; none is a real person.
 *
 *   gen-residents [-n COUNT] [-s SEED] [-p PHOTOS] [-b BYTES] [-m] [--long] -o DIR
 *
 * writes DIR/residents.csv and DIR/photos/pNNNNNN.jpg (PHOTOS distinct
 * photos, default 100, used in turn so that 100,000 records stay small;
 * each about 6 KB, or padded to BYTES with a JPEG comment of random bytes,
 * for benchmarks that need files of a real photo's size without paying
 * for decoding a larger picture).  With -m (mixed, as offices receive
 * them) two photos in three are PNG (pNNNNNN.png), the third JPEG.
 * Folders are created mode 0700 and files 0600.  NIKs follow the
 * registry's rule: province(2) regency(2) district(2) DDMMYY (day + 40 for
 * women) sequence(4); they are unique within a run.
 */

#include "../unit/synth-photo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char * const male[] =
{
  "Agus", "Andi", "Arif", "Bambang", "Bayu", "Budi", "Dedi", "Dimas", "Eko", "Fajar",
  "Hadi", "Hendra", "Imam", "Joko", "Rizky", "Rudi", "Slamet", "Teguh", "Wahyu", "Yusuf"
};
static const char * const female[] =
{
  "Ayu", "Diah", "Dewi", "Endang", "Fitri", "Indah", "Kartika", "Maya", "Nia", "Nur",
  "Putri", "Ratna", "Rina", "Sari", "Siti", "Sri", "Tuti", "Wulan", "Yuni", "Lestari"
};
static const char * const middle[] =
{
  "Adi", "Budi", "Cahya", "Dwi", "Eka", "Indra", "Nur", "Puspita", "Tri", "Wati"
};
static const char * const family[] =
{
  "Gunawan", "Harahap", "Hidayat", "Hutapea", "Kurniawan", "Nasution", "Nugroho", "Pratama",
  "Purnomo", "Rahayu", "Santoso", "Saputra", "Setiawan", "Siregar", "Susanto", "Wibowo",
  "Wulandari", "Permana", "Utami", "Maharani"
};
static const char * const streets[] =
{
  "Merdeka", "Pemuda", "Diponegoro", "Sudirman", "Gajah Mada", "Pandanaran", "Imam Bonjol",
  "Kartini", "Veteran", "Pahlawan", "Kenanga", "Melati", "Anggrek", "Cempaka", "Flamboyan"
};
static const char * const places[] =
{
  "Semarang", "Kendal", "Demak", "Salatiga", "Ungaran", "Surakarta", "Magelang", "Pekalongan",
  "Kudus", "Jepara", "Yogyakarta", "Jakarta", "Surabaya", "Bandung", "Medan"
};
static const struct { const char *code, *district, *villages[3]; } districts[] =
{
  { "01", "Semarang Tengah",  { "Pekunden", "Miroto", "Sekayu" } },
  { "02", "Semarang Utara",   { "Bandarharjo", "Kuningan", "Tanjung Mas" } },
  { "03", "Semarang Timur",   { "Rejosari", "Karangturi", "Mlatiharjo" } },
  { "04", "Semarang Selatan", { "Mugassari", "Pleburan", "Wonodri" } },
  { "05", "Gajahmungkur",     { "Bendan Ngisor", "Lempongsari", "Petompon" } }
};
static const char * const religions[] = { "Islam", "Islam", "Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Konghucu" };
static const char * const marital[] = { "Belum Kawin", "Kawin", "Kawin", "Cerai Hidup", "Cerai Mati" };
static const char * const jobs[] =
{
  "Pelajar/Mahasiswa", "Karyawan Swasta", "Wiraswasta", "Pegawai Negeri Sipil", "Petani/Pekebun",
  "Mengurus Rumah Tangga", "Guru", "Pedagang", "Buruh Harian Lepas", "Perawat"
};
static const char * const bloods[] = { "A", "B", "AB", "O", "-" };

static uint64_t	rng_state;		/* Generator state (one run, one thread) */
static uint64_t	*seen;			/* Open-addressing set of NIKs issued */
static size_t	seen_size;


/* Next pseudo-random number (splitmix64), so a seed repeats a data set. */
static uint64_t
rnd(void)
{
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return (z ^ (z >> 31));
}


/* Pick an element of a list. */
#define PICK(list) (list[rnd() % NELEM(list)])


/* Add a NIK to the set; false if it was there already. */
static bool
nik_add(uint64_t nik)
{
  size_t i = (size_t)(nik * 0x9e3779b97f4a7c15ull) % seen_size;

  while (seen[i])
  {
    if (seen[i] == nik)
      return (false);
    i = (i + 1) % seen_size;
  }
  seen[i] = nik;
  return (true);
}


/* Write one CSV field, quoted when it holds a comma, quote or newline. */
static void
csv_field(FILE *fp, const char *value, bool last)
{
  if (strpbrk(value, ",\"\n"))
  {
    putc('"', fp);
    for (; *value; value ++)
    {
      if (*value == '"')
        putc('"', fp);
      putc(*value, fp);
    }
    putc('"', fp);
  }
  else
    fputs(value, fp);
  putc(last ? '\n' : ',', fp);
}


/* Create a file mode 0600 (refusing to follow or reuse a symlink). */
static FILE *
create_file(const char *path)
{
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);

  return (fd < 0 ? NULL : fdopen(fd, "w"));
}


/* Write a synthetic photo (PNG when png, else JPEG padded to pad bytes). */
static bool
write_photo(const char *path, unsigned seed, size_t pad, bool png)
{
  unsigned char	*data;
  size_t	len;
  FILE		*fp;
  bool		ok;
  uint32_t	x = seed ^ 0x9e3779b9u;	/* Padding's own generator (residents stay as without -b) */

  if (!x)
    x = 1;
  if (png)
  {
    if (!synthPhotoPNG(seed, 300, &data, &len))
      return (false);
    if ((fp = create_file(path)) == NULL)
    {
      free(data);
      return (false);
    }
    ok = fwrite(data, 1, len, fp) == len;
    free(data);
    return (fclose(fp) == 0 && ok);
  }
  if (!synthPhotoJPEG(seed, 300, &data, &len))
    return (false);
  if ((fp = create_file(path)) == NULL)
  {
    free(data);
    return (false);
  }
  ok = fwrite(data, 1, 2, fp) == 2;		/* SOI, then comments to pad */
  for (size_t have = len; ok && have + 4 < pad; )
  {
    size_t n = pad - have - 4 > 65533 ? 65533 : pad - have - 4;

    ok = putc(0xff, fp) != EOF && putc(0xfe, fp) != EOF && putc((int)((n + 2) >> 8), fp) != EOF &&
         putc((int)((n + 2) & 255), fp) != EOF;
    for (size_t k = 0; ok && k < n; k ++)
    {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      ok = putc((int)(x & 255), fp) != EOF;
    }
    have += n + 4;
  }
  ok = ok && fwrite(data + 2, 1, len - 2, fp) == len - 2;
  free(data);
  return (fclose(fp) == 0 && ok);
}


int
main(int  argc,
     char *argv[])
{
  long		count = 20, photos = 100, pad = 0, i;
  unsigned long	seed = 1;
  bool		longvals = false, mixed = false;
  const char	*outdir = NULL;
  char		path[4096];
  FILE		*csv;
  int		a;

  for (a = 1; a < argc; a ++)
  {
    if (!strcmp(argv[a], "-n") && a + 1 < argc)
      count = atol(argv[++ a]);
    else if (!strcmp(argv[a], "-s") && a + 1 < argc)
      seed = strtoul(argv[++ a], NULL, 10);
    else if (!strcmp(argv[a], "-p") && a + 1 < argc)
      photos = atol(argv[++ a]);
    else if (!strcmp(argv[a], "-b") && a + 1 < argc)
      pad = atol(argv[++ a]);
    else if (!strcmp(argv[a], "-o") && a + 1 < argc)
      outdir = argv[++ a];
    else if (!strcmp(argv[a], "-m"))
      mixed = true;
    else if (!strcmp(argv[a], "--long"))
      longvals = true;
    else
      outdir = NULL, a = argc;
  }
  if (!outdir || count < 1 || count > 10000000 || photos < 1 || photos > 999999 ||
      pad < 0 || pad > 4000000)
  {
    fputs("Usage: gen-residents [-n COUNT] [-s SEED] [-p PHOTOS] [-b BYTES] [-m] [--long] -o DIR\n", stderr);
    return (2);
  }
  if (photos > count)
    photos = count;

  rng_state = seed;
  seen_size = (size_t)count * 2 + 1;
  if ((seen = calloc(seen_size, sizeof(uint64_t))) == NULL)
    return (1);

  snprintf(path, sizeof(path), "%s/photos", outdir);
  if ((mkdir(outdir, 0700) && errno != EEXIST) || (mkdir(path, 0700) && errno != EEXIST))
  {
    perror(path);
    return (1);
  }
  for (i = 0; i < photos; i ++)
  {
    snprintf(path, sizeof(path), "%s/photos/p%06ld.%s", outdir, i + 1, mixed && i % 3 != 2 ? "png" : "jpg");
    if (!write_photo(path, (unsigned)(seed * 1000003u + (unsigned long)i), (size_t)pad, mixed && i % 3 != 2))
    {
      perror(path);
      return (1);
    }
  }

  snprintf(path, sizeof(path), "%s/residents.csv", outdir);
  if ((csv = create_file(path)) == NULL)
  {
    perror(path);
    return (1);
  }
  fputs("nik,name,birth_place,birth_date,sex,blood_type,address,rt_rw,village,district,"
        "religion,marital_status,occupation,citizenship,valid_until,photo\n", csv);

  for (i = 0; i < count; i ++)
  {
    bool	woman = rnd() & 1;
    int		dist = (int)(rnd() % NELEM(districts));
    int		year = 1946 + (int)(rnd() % 63);	// 17 to 80 years old in 2026
    int		month = 1 + (int)(rnd() % 12);
    int		day = 1 + (int)(rnd() % (month == 2 ? 28 : 30));
    int		seq = 1 + (int)(rnd() % 9999), tries;
    char	nik[17], name[256], address[256], date[11], rtrw[8], photo[32];
    uint64_t	niknum = 0;

    // NIK: 33 (Jawa Tengah) 74 (Kota Semarang), district, DDMMYY, sequence.
    for (tries = 0; tries < 10000; tries ++, seq = seq % 9999 + 1)
    {
      snprintf(nik, sizeof(nik), "3374%s%02d%02d%02d%04d", districts[dist].code, day + (woman ? 40 : 0), month, year % 100, seq);
      niknum = strtoull(nik, NULL, 10);
      if (nik_add(niknum))
        break;
    }

    if (longvals)
    {
      // As long as the template allows: 80 and 120 characters.
      snprintf(name, sizeof(name), "%s %s", woman ? PICK(female) : PICK(male), PICK(middle));
      while (strlen(name) < 80)
      {
        strcat(name, " ");
        strcat(name, PICK(family));
      }
      name[80] = '\0';
      if (name[79] == ' ')
        name[79] = 'A';
      snprintf(address, sizeof(address), "Jl. %s Gg. %s No. %d Blok %c Komplek Perumahan %s %s Permai Kavling %d Dekat Masjid %s Raya Sebelah Pasar", PICK(streets), PICK(streets), 1 + (int)(rnd() % 200), 'A' + (int)(rnd() % 8), PICK(streets), PICK(streets), 1 + (int)(rnd() % 99), PICK(streets));
      address[120] = '\0';
    }
    else
    {
      if (rnd() % 3)
        snprintf(name, sizeof(name), "%s %s", woman ? PICK(female) : PICK(male), PICK(family));
      else
        snprintf(name, sizeof(name), "%s %s %s", woman ? PICK(female) : PICK(male), PICK(middle), PICK(family));
      snprintf(address, sizeof(address), "Jl. %s No. %d", PICK(streets), 1 + (int)(rnd() % 200));
    }
    snprintf(date, sizeof(date), "%04d-%02d-%02d", year, month, day);
    snprintf(rtrw, sizeof(rtrw), "%03d/%03d", 1 + (int)(rnd() % 15), 1 + (int)(rnd() % 12));
    snprintf(photo, sizeof(photo), "photos/p%06ld.%s", i % photos + 1, mixed && i % photos % 3 != 2 ? "png" : "jpg");

    csv_field(csv, nik, false);
    csv_field(csv, name, false);
    csv_field(csv, PICK(places), false);
    csv_field(csv, date, false);
    csv_field(csv, woman ? "PEREMPUAN" : "LAKI-LAKI", false);
    csv_field(csv, PICK(bloods), false);
    csv_field(csv, address, false);
    csv_field(csv, rtrw, false);
    csv_field(csv, districts[dist].villages[rnd() % 3], false);
    csv_field(csv, districts[dist].district, false);
    csv_field(csv, PICK(religions), false);
    csv_field(csv, year > 2004 ? "Belum Kawin" : PICK(marital), false);
    csv_field(csv, year > 2004 ? "Pelajar/Mahasiswa" : PICK(jobs), false);
    csv_field(csv, "WNI", false);
    csv_field(csv, "SEUMUR HIDUP", false);
    csv_field(csv, photo, true);
  }
  free(seen);
  if (fclose(csv))
  {
    perror("residents.csv");
    return (1);
  }
  return (0);
}
