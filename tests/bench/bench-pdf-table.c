/*
 * The handover record's table (issue 14): a document of one title and a
 * table of ROWS rows of six cells (number, serial, name, masked NIK, RT/RW,
 * kelurahan, as inventory/report/handover-pdf.c lays it out), written by a
 * PDF writer module given by path, so that the module of this tree and a
 * peer's (an older pdf.c built by bench-pdf-table.sh) are timed alike.
 *
 *   bench-pdf-table MODULE.so ROWS OUT.pdf	prints "ROWS rows: SECONDS s"
 */

#include "../../inventory/report/pdf.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>


/* Time the module's document function on the table. */
int
main(int  argc,				/* I - Arguments */
     char *argv[])
{
  static const double	widths[6] = { 10, 30, 52, 30, 16, 36 };
  static const char	*names[3] = { "SITI NURHALIZA BINTI ABDULLAH", "BUDI", "MUHAMMAD RIZKY PRATAMA" },
			*villages[3] = { "TLOGOSARI KULON", "PEDURUNGAN TENGAH", "GEMAH" };
  size_t		n;
  void			*h;
  const rpdf_module_t	*pw;
  const char		**cells;
  rpdf_block_t		b[2] = { { 0 } };
  rpdf_doc_t		d = { { "PEMERINTAH KOTA CONTOH", "DINAS KEPENDUDUKAN", "Jl. Contoh 1" }, "470/0001/BAST",
			      "Halaman", "dari", b, 2 };
  char			error[256];
  struct timespec	t0, t1;
  FILE			*fp;
  bool			ok;

  if (argc != 4 || (n = (size_t)atol(argv[2])) < 1)
  {
    fputs("usage: bench-pdf-table MODULE.so ROWS OUT.pdf\n", stderr);
    return (2);
  }
  if ((h = dlopen(argv[1], RTLD_NOW)) == NULL || (pw = dlsym(h, "rpdfModule")) == NULL ||
      (cells = calloc((n + 1) * 6, sizeof(char *))) == NULL || (fp = fopen(argv[3], "wb")) == NULL)
  {
    fprintf(stderr, "bench-pdf-table: %s\n", dlerror() ? dlerror() : "cannot start");
    return (1);
  }
  cells[0] = "No.", cells[1] = "Nomor seri", cells[2] = "Nama", cells[3] = "NIK", cells[4] = "RT/RW", cells[5] = "Kelurahan";
  for (size_t i = 1; i <= n; i ++)
  {
    char *no = malloc(16), *serial = malloc(16), *rw = malloc(16);

    snprintf(no, 16, "%zu", i);
    snprintf(serial, 16, "KTP%07zu", i);
    snprintf(rw, 16, "%03zu/%03zu", i % 12 + 1, i % 7 + 1);
    cells[i * 6] = no, cells[i * 6 + 1] = serial, cells[i * 6 + 2] = names[i % 3];
    cells[i * 6 + 3] = "************1234", cells[i * 6 + 4] = rw, cells[i * 6 + 5] = villages[i % 3];
  }
  b[0].kind = RPDF_TITLE;
  b[0].text = "BERITA ACARA SERAH TERIMA KTP-EL";
  b[1].kind = RPDF_TABLE;
  b[1].ncols = 6, b[1].widths = widths, b[1].aligns = "rlllcl", b[1].grid = true, b[1].small = true, b[1].head = 1;
  b[1].nrows = n + 1, b[1].cells = cells;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  ok = pw->document(fp, &d, error, sizeof(error));
  clock_gettime(CLOCK_MONOTONIC, &t1);
  fclose(fp);
  if (!ok)
  {
    fprintf(stderr, "bench-pdf-table: %s\n", error);
    return (1);
  }
  printf("%zu rows: %.2f s\n", n, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  return (0);
}
